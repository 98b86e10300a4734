import DataLoader from 'dataloader';
import type { CommunityRepo } from './community.repo.js';

export interface ProfileCounts {
  followers: number;
  following: number;
  compositions: number;
  likesReceived: number;
}

/** Per request; the viewer-specific ones are keyed by the viewer so one request never mixes people. */
export function createCommunityLoaders(repo: CommunityRepo, viewerId: number | null) {
  return {
    likeCount: new DataLoader<number, number>(async (ids) => {
      const counts = await repo.likeCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    viewerLiked: new DataLoader<number, boolean>(async (ids) => {
      if (viewerId === null) return ids.map(() => false);
      const liked = await repo.likedBy(viewerId, ids);
      return ids.map((id) => liked.has(id));
    }),
    viewerFollows: new DataLoader<number, boolean>(async (ids) => {
      if (viewerId === null) return ids.map(() => false);
      const followed = await repo.followedBy(viewerId, ids);
      return ids.map((id) => followed.has(id));
    }),
    profileCounts: new DataLoader<number, ProfileCounts>(async (ids) => {
      const counts = await repo.profileCounts(ids);
      return ids.map((id) => ({
        followers: counts.followers.get(id) ?? 0,
        following: counts.following.get(id) ?? 0,
        compositions: counts.compositions.get(id) ?? 0,
        likesReceived: counts.likesReceived.get(id) ?? 0,
      }));
    }),
  };
}

export type CommunityLoaders = ReturnType<typeof createCommunityLoaders>;
