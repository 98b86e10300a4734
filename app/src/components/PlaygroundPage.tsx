'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import { Loading } from './ErrorMessage';

// GraphiQL (Monaco) only runs in a browser; it is bundled with the app, never loaded from a CDN.
const Playground = dynamic(() => import('./Playground'), { ssr: false, loading: () => <Loading /> });

export function PlaygroundPage() {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  return (
    <>
      <h1>{t('dev.title')}</h1>
      <p className="muted">{t('dev.intro')}</p>
      <p>
        {t('dev.docsIntro')} <Link href="/docs">{t('dev.docs')}</Link>
      </p>
      <div className="row" style={{ maxWidth: 520, marginBottom: '0.75rem' }}>
        <div>
          <label htmlFor="playground-key">{t('dev.key')}</label>
          <input id="playground-key" type="password" value={key} onChange={(event) => setKey(event.target.value)} autoComplete="off" />
        </div>
      </div>
      <div className="playground">
        <Playground playgroundKey={key} />
      </div>
    </>
  );
}
