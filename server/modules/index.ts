import { airlinesModule } from './airlines/index.js';
import { airportsModule } from './airports/index.js';
import { analyticsModule } from './analytics/index.js';
import { cacheModule } from './cache/index.js';
import { commentsModule } from './comments/index.js';
import { communityModule } from './community/index.js';
import { compositionsModule } from './compositions/index.js';
import { contestsModule } from './contests/index.js';
import { exportsModule } from './exports/index.js';
import { feedModule } from './feed/index.js';
import { liveModule } from './live/index.js';
import type { NeedsOf, ReposOf, ServicesOf } from './module.js';
import { networkModule } from './network/index.js';
import { nodeModule } from './node/index.js';
import { partnersModule } from './partners/index.js';
import { routesModule } from './routes/index.js';
import { similarityModule } from './similarity/index.js';
import { themesModule } from './themes/index.js';
import { usersModule } from './users/index.js';

/**
 * Every module of the server: the composition root folds this list. A module comes after the
 * modules whose services it needs (start-up says which when it does not).
 */
export const MODULES = [
  networkModule,
  airportsModule,
  airlinesModule,
  routesModule,
  themesModule,
  similarityModule,
  usersModule,
  compositionsModule,
  communityModule,
  commentsModule,
  feedModule,
  liveModule,
  contestsModule,
  cacheModule,
  exportsModule,
  analyticsModule,
  partnersModule,
  nodeModule,
] as const;

export type Modules = typeof MODULES;
export type Repos = ReposOf<Modules>;
export type Services = ServicesOf<Modules>;

/** What a module needs that no module provides: the missing names, or the whole need when a type differs. */
type Unmet<N> = N extends object ? (Services extends N ? never : [Exclude<keyof N, keyof Services>] extends [never] ? N : Exclude<keyof N, keyof Services>) : never;
/** Fails to compile, naming the missing service, when a module needs one no module provides. */
export const EVERY_NEED_MET: [Unmet<NeedsOf<Modules[number]>>] extends [never] ? true : Unmet<NeedsOf<Modules[number]>> = true;
