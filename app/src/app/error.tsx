'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { useI18n } from '@/lib/i18n';

/** A page that failed to render: said plainly, with a retry; the details go to the console only. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  useEffect(() => console.error(error), [error]);
  return (
    <section className="status-page" role="alert">
      <h1>{t('errorPage.title')}</h1>
      <p className="muted">{t('errorPage.text')}</p>
      <div className="row">
        <button type="button" onClick={reset}>
          {t('errorPage.retry')}
        </button>
        <Link href="/" className="button secondary">
          {t('notFound.home')}
        </Link>
      </div>
    </section>
  );
}
