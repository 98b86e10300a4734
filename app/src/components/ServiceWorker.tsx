'use client';

import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n';

/**
 * Registers the service worker under the id of the release that served the page (production
 * builds only: in development it would serve stale code). When a newer release's worker is
 * installed and waiting, it offers to reload: the waiting worker takes over, and the page reloads
 * on the code of the new release.
 */
export function ServiceWorker({ release }: { release: string }) {
  const { t } = useI18n();
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const accepted = useRef(false);

  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    // A worker that installs while another controls the page waits for the person (the very first
    // one takes over at once, with nothing to replace).
    const offer = (worker: ServiceWorker | null) => {
      if (worker && container.controller) setWaiting(worker);
    };
    const watch = (worker: ServiceWorker | null) => {
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    };
    // Only a takeover the person asked for reloads the page (the first worker's takeover must not).
    const reload = () => {
      if (accepted.current) window.location.reload();
    };
    container.addEventListener('controllerchange', reload);
    let registration: ServiceWorkerRegistration | null = null;
    const found = () => watch(registration?.installing ?? null);
    container
      .register(`/sw.js?release=${encodeURIComponent(release)}`, { scope: '/' })
      .then((registered) => {
        registration = registered;
        offer(registered.waiting);
        watch(registered.installing);
        registered.addEventListener('updatefound', found);
      })
      .catch(() => undefined);
    return () => {
      container.removeEventListener('controllerchange', reload);
      registration?.removeEventListener('updatefound', found);
    };
  }, [release]);

  if (!waiting) return null;
  return (
    <aside className="update-prompt" aria-label={t('update.label')} data-testid="update-prompt">
      <p role="status">{t('update.available')}</p>
      <button
        type="button"
        onClick={() => {
          accepted.current = true;
          waiting.postMessage({ type: 'SKIP_WAITING' });
        }}
      >
        {t('update.reload')}
      </button>
      <button type="button" className="secondary" onClick={() => setWaiting(null)}>
        {t('update.later')}
      </button>
    </aside>
  );
}
