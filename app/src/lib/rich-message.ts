import { createElement, Fragment, isValidElement, type ReactNode } from 'react';
import type { MessageKey } from './dictionary';
import type { MessageValues } from './format-message';
import type { Translate } from './translate';

/** Private-use characters: no message contains them, and formatting leaves them as they are. */
const MARK = '\uE000';
const SLOT = new RegExp(`${MARK}(\\d+)${MARK}`);

export type RichTranslate = (key: MessageKey, values: Record<string, ReactNode>) => ReactNode;

/**
 * `t` for messages with an element in a placeholder (a link, a number the page updates): each
 * element goes through the message as a marked slot, so each language places it where its sentence
 * needs it, and the text around it stays the translator's.
 */
export function richTranslator(t: Translate): RichTranslate {
  return (key, values) => {
    const elements: ReactNode[] = [];
    const plain: MessageValues = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'string' || typeof value === 'number') plain[name] = value;
      else if (isValidElement(value)) plain[name] = `${MARK}${elements.push(value) - 1}${MARK}`;
      else plain[name] = String(value ?? '');
    }
    const parts = t(key, plain).split(SLOT);
    // split with a capture group: even indexes are text, odd ones the index of an element. Passed
    // as separate children, the parts are a fixed sequence and need no keys.
    return createElement(Fragment, null, ...parts.map((part, index) => (index % 2 === 0 ? part : elements[Number(part)])));
  };
}
