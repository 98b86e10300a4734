'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CombinedError, TypedDocumentNode } from 'urql';
import { useClient } from 'urql';
import { LivePlayer, type LiveBatchData, type NowPlaying } from './live-player';

export type LiveStatus = 'idle' | 'connecting' | 'playing' | 'done';

/**
 * Streams a live subscription (liveComposition or liveRadio) into a LivePlayer. `play` must be
 * called from a click or tap, since it starts the audio context.
 */
export function useLive<Variables extends Record<string, unknown>, Data>(document: TypedDocumentNode<Data, Variables>, pick: (data: Data) => LiveBatchData) {
  const client = useClient();
  const [player, setPlayer] = useState<LivePlayer | null>(null);
  const [now, setNow] = useState<NowPlaying | null>(null);
  const [status, setStatus] = useState<LiveStatus>('idle');
  const [error, setError] = useState<CombinedError | null>(null);
  const subscription = useRef<{ unsubscribe(): void } | null>(null);

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    setStatus((current) => (current === 'done' ? current : 'idle'));
  }, []);

  const play = useCallback(
    async (variables: Variables) => {
      stop();
      player?.dispose();
      setNow(null);
      setError(null);
      setStatus('connecting');
      const next = await LivePlayer.start();
      setPlayer(next);
      next.onChange((state) => {
        setNow(state);
        if (state.complete) setStatus('done');
      });
      subscription.current = client.subscription(document, variables).subscribe((result) => {
        if (result.error) {
          setError(result.error);
          setStatus('idle');
          return;
        }
        if (!result.data) return;
        setStatus((current) => (current === 'connecting' ? 'playing' : current));
        next.receive(pick(result.data));
      });
    },
    [client, document, pick, player, stop],
  );

  useEffect(() => () => subscription.current?.unsubscribe(), []);
  useEffect(() => () => player?.dispose(), [player]);

  return { player, now, status, error, play, stop };
}
