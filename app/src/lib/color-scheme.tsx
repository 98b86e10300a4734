'use client';

import { useEffect, useState } from 'react';
import { COLOR_SCHEME_COOKIE, type ColorScheme } from './locale';
import { useI18n } from './i18n';

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Light, dark, or as the device prefers (prefers-color-scheme). The server renders the page with
 * the remembered choice (`<html data-theme>`), so it never flashes the other theme.
 */
export function ColorSchemeSwitch({ initial }: { initial: ColorScheme | null }) {
  const { t } = useI18n();
  const [scheme, setScheme] = useState<ColorScheme | 'system'>(initial ?? 'system');
  const choose = (next: ColorScheme | 'system') => {
    setScheme(next);
    if (next === 'system') {
      delete document.documentElement.dataset.theme;
      document.cookie = `${COLOR_SCHEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    } else {
      document.documentElement.dataset.theme = next;
      document.cookie = `${COLOR_SCHEME_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
    }
  };
  return (
    <>
      <label className="visually-hidden" htmlFor="color-scheme">
        {t('scheme.label')}
      </label>
      <select id="color-scheme" value={scheme} onChange={(event) => choose(event.target.value as ColorScheme | 'system')}>
        <option value="system">{t('scheme.system')}</option>
        <option value="light">{t('scheme.light')}</option>
        <option value="dark">{t('scheme.dark')}</option>
      </select>
    </>
  );
}

const schemeShown = (): ColorScheme => (document.documentElement.dataset.theme as ColorScheme | undefined) ?? (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark');

/**
 * The scheme the page shows now: the one chosen with the switch, else the device's preference;
 * kept up to date when either changes. For parts that theme themselves and render in the browser
 * only (GraphiQL): its first value reads the document.
 */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(schemeShown);
  useEffect(() => {
    const update = () => setScheme(schemeShown());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const device = matchMedia('(prefers-color-scheme: light)');
    device.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      device.removeEventListener('change', update);
    };
  }, []);
  return scheme;
}
