import { requestLocale } from '@/lib/request-locale';
import { translator } from '@/lib/translate';

/**
 * Shown while a page's server part renders (its link preview waits for the API). Only below the
 * pages that fetch: the embedded player sits outside any loading boundary, so a piece it may not
 * show answers a real 404 status (a streamed page would already have sent 200).
 */
export default async function PageLoading() {
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
