/** The languages of the web app, each in its own name. */
export const LOCALES = { en: 'English', de: 'Deutsch', es: 'Español' } as const;
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers a chosen language (read by the server, so the page arrives in it). */
export const LOCALE_COOKIE = 'aero-melody.locale';
/** The cookie that remembers a chosen colour theme; without it the device's preference decides. */
export const COLOR_SCHEME_COOKIE = 'aero-melody.color-scheme';
export type ColorScheme = 'light' | 'dark';

export const isLocale = (value: string | undefined | null): value is Locale => Boolean(value && Object.hasOwn(LOCALES, value));

/** A remembered choice first, else the best of the browser's `Accept-Language` (by q-value), else English. */
export function negotiateLocale(chosen: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked.map((entry) => entry.language).find(isLocale) ?? DEFAULT_LOCALE;
}

export const colorSchemeOf = (value: string | undefined): ColorScheme | null => (value === 'light' || value === 'dark' ? value : null);
