import { requestLocale } from '@/lib/request-locale';
import { translator } from '@/lib/translate';

/** Shown while a page's server part renders (link previews wait for the API). */
export default async function Loading() {
  const t = translator(await requestLocale());
  return (
    <div className="status-page" role="status" aria-busy="true">
      <span className="visually-hidden">{t('common.loading')}</span>
      <div className="skeleton title" />
      <div className="skeleton line" />
      <div className="skeleton block" />
    </div>
  );
}
