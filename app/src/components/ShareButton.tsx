'use client';

import { useState } from 'react';
import { useI18n } from '@/lib/i18n';

/** The Web Share API where the browser has it (phones), copying the link otherwise. */
export function ShareButton({ path, title }: { path: string; title: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const share = async () => {
    const url = new URL(path, window.location.origin).href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, text: t('share.text', { title }), url });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setMessage(t('share.copied'));
    } catch {
      setMessage(t('share.failed'));
    }
  };
  return (
    <span>
      <button type="button" className="secondary" onClick={() => void share()} data-testid="share">
        {t('share.button')}
      </button>
      <span role="status" className="muted" data-testid="share-status">
        {message ? ` ${message}` : ''}
      </span>
    </span>
  );
}
