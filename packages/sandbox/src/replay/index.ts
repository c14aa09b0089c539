export { createReplayServer, REPLAY_MISMATCH_STATUS } from './create-replay-server.ts';
export type { ReplayServer, ReplayServerOptions } from './create-replay-server.ts';
export type { ReplayExchange, ReplayMatcher, ReplayQueryValue, ReplayReceived, ReplayRequest, ReplayResponse } from './replay-types.ts';
