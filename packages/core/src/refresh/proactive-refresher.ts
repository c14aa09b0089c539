import type { Runtime } from '../runtime.ts';
import type { RefreshCoordinator } from './refresh-coordinator.ts';

export interface RefresherOptions {
  /** Seconds between sweeps. Default 60. */
  intervalSeconds?: number;
  /** Refresh tokens that expire within this many seconds. Default 600. */
  aheadSeconds?: number;
  /** Accounts per sweep. Default 50. */
  batchSize?: number;
}


export interface SweepResult {
  refreshed: number;
  failed: number;
  /** Expired authorization links and OAuth transactions deleted. */
  pruned: number;
}

/** Expired links and transactions are kept a while so a late visitor sees "expired", not "unknown". */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

export interface Refresher {
  /** Runs one sweep now: refreshes expiring tokens and deletes long-expired links and OAuth transactions. */
  runOnce(): Promise<SweepResult>;
  stop(): Promise<void>;
}

/**
 * Refreshes tokens shortly before they expire so that reads rarely wait for a token endpoint.
 * Safe on any number of instances: every refresh goes through the same lease as reads do.
 */
export function startRefresher(runtime: Runtime, coordinator: RefreshCoordinator, options: RefresherOptions = {}): Refresher {
  const intervalMs = (options.intervalSeconds ?? 60) * 1000;
  const aheadMs = (options.aheadSeconds ?? 600) * 1000;
  const batchSize = options.batchSize ?? 50;
  let running: Promise<SweepResult> | undefined;
  let stopped = false;

  async function sweep(): Promise<SweepResult> {
    const now = runtime.now();
    const rows = await runtime.accountsRepo.listExpiring(now + aheadMs, now, batchSize);
    let refreshed = 0;
    let failed = 0;
    for (const row of rows) {
      if (stopped) break;
      try {
        await coordinator.refreshIfExpiringWithin(row, aheadMs);
        refreshed++;
      } catch {
        failed++; // already recorded as an event and on the account
      }
    }
    const pruned = (await runtime.linksRepo.deleteExpired(now - PRUNE_AFTER_MS)) + (await runtime.transactionsRepo.deleteExpired(now - PRUNE_AFTER_MS));
    return { refreshed, failed, pruned };
  }

  const runOnce = () => (running ??= sweep().finally(() => (running = undefined)));
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => runtime.logger.error('onbehalf refresher sweep failed', { error: error instanceof Error ? error.message : String(error) }));
  }, intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
