'use client';

import { useState } from 'react';
import { useMutation, useSubscription } from 'urql';
import { graphql } from '@/gql';
import type { ExportFormat } from '@/gql/graphql';
import { useI18n } from '@/lib/i18n';
import { ErrorMessage } from './ErrorMessage';

const RenderAudio = graphql(`
  mutation RenderAudio($compositionId: ID!, $format: ExportFormat!) {
    requestExport(compositionId: $compositionId, format: $format) {
      id
      format
      status
      progress
      url
    }
  }
`);

const RenderProgress = graphql(`
  subscription RenderProgress($id: ID!) {
    exportProgress(id: $id) {
      id
      status
      progress
      url
    }
  }
`);

/** WAV / FLAC of a saved piece: queues the render, follows its progress live, then links the file. */
function ExportButton({ compositionId, format }: { compositionId: string; format: ExportFormat }) {
  const { t } = useI18n();
  const [request, requestExport] = useMutation(RenderAudio);
  const [exportId, setExportId] = useState<string | null>(null);
  const [progress] = useSubscription({ query: RenderProgress, variables: { id: exportId ?? '' }, pause: !exportId || Boolean(request.data?.requestExport.url) });
  const current = progress.data?.exportProgress ?? request.data?.requestExport;
  if (current?.url) {
    return (
      <a className="button secondary" href={current.url} download>
        {t(`export.${format}`)}
      </a>
    );
  }
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={request.fetching || Boolean(exportId)}
        onClick={() => void requestExport({ compositionId, format }).then((result) => setExportId(result.data?.requestExport.id ?? null))}
      >
        {exportId ? t('export.rendering', { percent: Math.round((current?.progress ?? 0) * 100) }) : t(`export.${format}`)}
      </button>
      <ErrorMessage error={request.error ?? progress.error} />
    </span>
  );
}

export function ExportButtons({ compositionId }: { compositionId: string }) {
  return (
    <>
      <ExportButton compositionId={compositionId} format="WAV" />
      <ExportButton compositionId={compositionId} format="FLAC" />
    </>
  );
}
