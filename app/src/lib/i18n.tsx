'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALE_COOKIE, type Locale } from './locale';
import { type RichTranslate, richTranslator } from './rich-message';
import { translator, type Translate } from './translate';

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** `t` whose placeholders may hold elements (see rich-message.ts). */
  rich: RichTranslate;
}

const I18nContext = createContext<I18n | null>(null);
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The language comes from the server (cookie or Accept-Language), so the first render, the
 * hydration and `<html lang>` agree; a new choice is remembered in the cookie and the server's
 * parts of the page (titles, descriptions) are rendered again in it.
 */
export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const router = useRouter();
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback(
    (next: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
      setLocaleState(next);
      router.refresh();
    },
    [router],
  );
  const value = useMemo<I18n>(() => {
    const t = translator(locale);
    return { locale, setLocale, t, rich: richTranslator(t) };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
