'use client';

import type { CombinedError } from 'urql';
import { describeError } from '@/lib/errors';
import { useI18n } from '@/lib/i18n';

export function ErrorMessage({ error }: { error: CombinedError | Error | null | undefined }) {
  const { t } = useI18n();
  const message = describeError(error, t);
  return message ? (
    <p className="error" role="alert">
      {message}
    </p>
  ) : null;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}
