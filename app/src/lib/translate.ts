import { DICTIONARIES, type MessageKey } from './dictionary';
import { formatMessage, type MessageValues } from './format-message';
import type { Locale } from './locale';

export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The messages of one language, formatted with their placeholders and plurals. */
export function translator(locale: Locale): Translate {
  const messages = DICTIONARIES[locale];
  return (key, values) => formatMessage(messages[key], values, locale);
}
