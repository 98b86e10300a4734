'use client';

import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';

const PiecePresence = graphql(`
  query PiecePresence($id: ID!) {
    presence(id: $id) {
      id
      username
    }
  }
`);

/** Who has the piece open (is subscribed to its changes): a new answer every 3 s while signed in. */
export function usePiecePresence(id: string, signedIn: boolean) {
  const [presence, refetchPresence] = useQuery({ query: PiecePresence, variables: { id }, pause: !signedIn });
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => refetchPresence({ requestPolicy: 'network-only' }), 3_000);
    return () => clearInterval(timer);
  }, [signedIn, refetchPresence]);
  return presence.data?.presence ?? [];
}

export function PresencePanel({ people, lastChange }: { people: { id: string; username: string }[]; lastChange: string | null }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="presence-heading">
      <h2 id="presence-heading">{t('piece.presence')}</h2>
      <ul className="presence" data-testid="presence">
        {people.map((person) => (
          <li key={person.id}>{person.username}</li>
        ))}
      </ul>
      {lastChange ? (
        <p role="status" data-testid="last-change">
          {lastChange}
        </p>
      ) : null}
    </section>
  );
}
