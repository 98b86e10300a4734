import { cookies, headers } from 'next/headers';
import { COLOR_SCHEME_COOKIE, LOCALE_COOKIE, colorSchemeOf, negotiateLocale, type ColorScheme, type Locale } from './locale';

/** The language a page is rendered in: the reader's choice (cookie), else their browser's. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
}

/** The colour theme the reader chose, or null to follow the device. */
export async function requestColorScheme(): Promise<ColorScheme | null> {
  return colorSchemeOf((await cookies()).get(COLOR_SCHEME_COOKIE)?.value);
}
