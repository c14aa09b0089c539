export { createRefreshCoordinator } from './refresh-coordinator.ts';
export type { AccessToken, ClaimedRefreshOutcome, FreshToken, OAuthStored, RefreshCoordinator } from './refresh-coordinator.ts';
export { createTokenCache } from './token-cache.ts';
export type { TokenCache, TokenCacheOptions } from './token-cache.ts';
export { resolveRefreshSettings } from './refresh-settings.ts';
export type { RefreshSettings, ResolvedRefreshSettings } from './refresh-settings.ts';
export { startRefresher } from './proactive-refresher.ts';
export type { Refresher, RefresherOptions, SweepResult } from './proactive-refresher.ts';
