import { graphql } from '@/gql';
import type { ComposeInput, PieceDetailQuery, ThemeChoicesQuery } from '@/gql/graphql';

export const PieceDetail = graphql(`
  query PieceDetail($id: ID!) {
    composition(id: $id) {
      id
      title
      kind
      saved
      visibility
      license
      version
      variation
      key
      scale
      tempoBpm
      durationSeconds
      midiUrl
      attribution
      likeCount
      viewerHasLiked
      viewerCan {
        edit
        setVisibility
        setLicence
        invite
      }
      playCount
      theme {
        id
        name
      }
      airports {
        iata
        icao
      }
      owner {
        id
        username
      }
      parent {
        id
        title
      }
      lineage {
        id
        title
      }
      remixes(first: 20) {
        nodes {
          id
          title
          owner {
            username
          }
        }
      }
      collaborators {
        role
        user {
          id
          username
        }
      }
      comments(first: 100) {
        nodes {
          id
          body
          atSecond
          createdAt
          author {
            username
          }
          replies {
            id
            body
            author {
              username
            }
          }
        }
      }
    }
  }
`);

/** A piece as the piece page shows it. */
export type Piece = NonNullable<PieceDetailQuery['composition']>;

/** A theme the edit and remix forms offer. */
export type ThemeChoice = ThemeChoicesQuery['themes'][number];

/** The input that plays a saved piece live: its flight, theme and variation. */
export function liveInput(piece: Piece): ComposeInput {
  const codes = piece.airports.map((airport) => airport.iata ?? airport.icao ?? '');
  const flight: ComposeInput = piece.kind === 'ROUTE' ? { route: { from: codes[0], to: codes[1] } } : piece.kind === 'PATH' ? { path: codes } : { journey: codes };
  return { ...flight, theme: piece.theme.id, variation: piece.variation };
}

export const piecePath = (id: string): string => `/pieces/${encodeURIComponent(id)}`;
