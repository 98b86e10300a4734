import { graphql } from '@/gql';
import type { SharedPieceQuery } from '@/gql/graphql';
import { anonymousQuery } from './server-api';

const SharedPieceDocument = graphql(`
  query SharedPiece($id: ID!) {
    composition(id: $id) {
      id
      title
      saved
      visibility
      key
      scale
      tempoBpm
      durationSeconds
      midiUrl
      theme {
        id
        name
      }
      owner {
        username
      }
      airports {
        iata
        icao
        city
        latitude
        longitude
      }
    }
  }
`);

/** A piece as previews and the embedded player show it. */
export type SharedPiece = NonNullable<SharedPieceQuery['composition']>;

/**
 * A piece as link previews, share images, the embedded player and oEmbed show it: only a saved
 * PUBLIC piece. Private, unlisted and unknown pieces (and ids that are not ids) all answer null,
 * so none of them leaks its title or its music through a preview.
 */
export async function sharedPiece(id: string): Promise<SharedPiece | null> {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) return null;
  const data = await anonymousQuery(SharedPieceDocument, { id });
  const piece = data?.composition;
  if (!piece?.saved || piece.visibility !== 'PUBLIC') return null;
  return piece;
}

/** "JFK → LAX" */
export const routeOf = (piece: Pick<SharedPiece, 'airports'>): string => piece.airports.map((airport) => airport.iata ?? airport.icao ?? '').join(' → ');
