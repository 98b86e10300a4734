import { anonymousQuery } from './server-api';

export interface SharedPiece {
  id: string;
  title: string;
  key: string;
  scale: string;
  tempoBpm: number;
  durationSeconds: number;
  midiUrl: string;
  theme: { id: string; name: string };
  owner: { username: string } | null;
  airports: { iata: string | null; icao: string | null; city: string; latitude: number; longitude: number }[];
}

const SHARED_PIECE = `
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
      theme { id name }
      owner { username }
      airports { iata icao city latitude longitude }
    }
  }
`;

/**
 * A piece as link previews, share images, the embedded player and oEmbed show it: only a saved
 * PUBLIC piece. Private, unlisted and unknown pieces (and ids that are not ids) all answer null,
 * so none of them leaks its title or its music through a preview.
 */
export async function sharedPiece(id: string): Promise<SharedPiece | null> {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) return null;
  const data = await anonymousQuery<{ composition: (SharedPiece & { saved: boolean; visibility: string }) | null }>(SHARED_PIECE, { id });
  const piece = data?.composition;
  if (!piece?.saved || piece.visibility !== 'PUBLIC') return null;
  return piece;
}

/** "JFK → LAX" */
export const routeOf = (piece: Pick<SharedPiece, 'airports'>): string => piece.airports.map((airport) => airport.iata ?? airport.icao ?? '').join(' → ');
