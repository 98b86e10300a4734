import { de } from './dictionary-de';
import { en, type Dictionary } from './dictionary-en';
import { es } from './dictionary-es';
import type { Locale } from './locale';

export type { Dictionary, MessageKey } from './dictionary-en';

/** Every string the web app shows, by language (one file per language; English defines the keys). */
export const DICTIONARIES: Record<Locale, Dictionary> = { en, de, es };
