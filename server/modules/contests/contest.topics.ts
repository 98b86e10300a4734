export const LEADERBOARD_CHANGED = 'aero-melody:leaderboard-changed';

/** A place on a leaderboard, as it travels between instances. */
export interface Placing {
  rank: number;
  votes: number;
  entryId: number;
}

export interface LeaderboardChangedEvent {
  contestId: number;
  final: boolean;
  top: Placing[];
  winners: Placing[];
}

export type ContestTopics = { [LEADERBOARD_CHANGED]: [number, LeaderboardChangedEvent] };
