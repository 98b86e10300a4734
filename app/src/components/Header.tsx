'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ColorSchemeSwitch } from '@/lib/color-scheme';
import { LOCALES, type ColorScheme, type Locale } from '@/lib/locale';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';

const LINKS = [
  { href: '/', key: 'nav.compose' },
  { href: '/explore', key: 'nav.explore' },
  { href: '/community', key: 'nav.community' },
  { href: '/contests', key: 'nav.contests' },
  { href: '/themes', key: 'nav.themes' },
  { href: '/radio', key: 'nav.radio' },
  { href: '/analytics', key: 'nav.analytics' },
  { href: '/playground', key: 'nav.developers' },
] as const;

/** The site's header; the radio kiosk and the embedded player show none. */
export function Header({ colorScheme }: { colorScheme: ColorScheme | null }) {
  const { t, locale, setLocale } = useI18n();
  const { user, logOut } = useAuth();
  const pathname = usePathname();
  if (pathname.startsWith('/radio/') || pathname.startsWith('/embed/')) return null;
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <Link href="/" className="brand">
        {t('app.name')}
      </Link>
      <nav aria-label={t('nav.main')}>
        <ul>
          {LINKS.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={(link.href === '/' ? pathname === '/' : pathname.startsWith(link.href)) ? 'page' : undefined}>
                {t(link.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        {user ? (
          <>
            <Link href={`/users/${user.username}`}>{user.username}</Link>
            <button type="button" className="link-button" onClick={logOut}>
              {t('auth.logOut')}
            </button>
          </>
        ) : (
          <Link href="/account">{t('auth.logIn')}</Link>
        )}
        <label className="visually-hidden" htmlFor="language">
          {t('lang.label')}
        </label>
        <select id="language" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
          {Object.entries(LOCALES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        <ColorSchemeSwitch initial={colorScheme} />
      </div>
    </header>
  );
}
