import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Header } from '@/components/Header';
import { ServiceWorker } from '@/components/ServiceWorker';
import { Providers } from '@/lib/providers';
import { requestColorScheme, requestLocale } from '@/lib/request-locale';
import { requestOrigin } from '@/lib/share/server-api';
import { translator } from '@/lib/translate';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const [locale, origin] = await Promise.all([requestLocale(), requestOrigin()]);
  const t = translator(locale);
  return {
    metadataBase: new URL(origin),
    title: { default: 'Aero Melody', template: '%s · Aero Melody' },
    description: t('app.tagline'),
    applicationName: 'Aero Melody',
    appleWebApp: { capable: true, title: 'Aero Melody', statusBarStyle: 'black-translucent' },
    icons: { icon: '/icon.svg', apple: '/icons/icon-192.png' },
    openGraph: { siteName: 'Aero Melody', type: 'website', title: 'Aero Melody', description: t('app.tagline'), locale },
    twitter: { card: 'summary', title: 'Aero Melody', description: t('app.tagline') },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'dark light',
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0b1220' },
    { media: '(prefers-color-scheme: light)', color: '#f4f6fb' },
  ],
};

/** The language and the colour theme are chosen on the server, so the page arrives in them. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, colorScheme] = await Promise.all([requestLocale(), requestColorScheme()]);
  return (
    <html lang={locale} data-theme={colorScheme ?? undefined}>
      <body>
        <Providers locale={locale}>
          <Header colorScheme={colorScheme} />
          <main id="main">{children}</main>
          <ServiceWorker release={process.env.NEXT_PUBLIC_RELEASE ?? 'unreleased'} />
        </Providers>
      </body>
    </html>
  );
}
