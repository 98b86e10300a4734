import { createRedisPubSub } from '../../adapters/pubsub.js';
import type { CompositionService } from '../compositions/composition.service.js';
import { defineModule } from '../module.js';
import type { NetworkService } from '../network/network.service.js';
import { LivePieceResolver, LiveResolver } from './live.resolver.js';
import { LiveService } from './live.service.js';
import type { RadioTopics } from './live.topics.js';
import { RadioRepo } from './radio.repo.js';
import { RadioService } from './radio.service.js';

export const liveModule = defineModule<{ compositions: CompositionService; networks: NetworkService }>()({
  name: 'live',
  services: ({ services, deps: { redis, config, logger, disposer } }) => {
    const radioEvents = disposer.use(createRedisPubSub<RadioTopics>(redis));
    const radio = new RadioService(services.compositions, services.networks, new RadioRepo(redis), radioEvents.pubSub, config.live, logger);
    disposer.defer(() => radio.dispose());
    return { live: new LiveService(services.compositions, config.live), radio };
  },
  resolvers: [
    [LiveResolver, (services) => new LiveResolver(services.radio)],
    [LivePieceResolver, () => new LivePieceResolver()],
  ],
  streams: (services, { viewer }) => ({
    liveComposition: (input) => services.live.composition(input, viewer),
    livePiece: (id) => services.live.savedPiece(id, viewer),
    liveRadio: (channel) => services.radio.radioStream(channel),
  }),
});
