export { createRefreshCoordinator } from './refresh-coordinator.ts';
export type { AccessToken, RefreshCoordinator, RefreshSettings } from './refresh-coordinator.ts';
export { startRefresher } from './proactive-refresher.ts';
export type { Refresher, RefresherOptions, SweepResult } from './proactive-refresher.ts';
