import type { LiveBatchPayload } from './live.service.js';

/** Radio windows, published by a channel's one generator to every instance: `aero-melody:radio:<CHANNEL>`. */
export const RADIO_TOPIC = 'aero-melody:radio';

export type RadioTopics = { [RADIO_TOPIC]: [string, LiveBatchPayload] };
