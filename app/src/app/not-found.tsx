import Link from 'next/link';
import { requestLocale } from '@/lib/request-locale';
import { translator } from '@/lib/translate';

export default async function NotFound() {
  const t = translator(await requestLocale());
  return (
    <section className="status-page">
      <h1>{t('notFound.title')}</h1>
      <p className="muted">{t('notFound.text')}</p>
      <Link href="/" className="button">
        {t('notFound.home')}
      </Link>
    </section>
  );
}
