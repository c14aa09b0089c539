import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OnBehalfError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import type { AccountRow } from '../store/index.ts';
import { backoffMs } from './backoff.ts';
import type { ClaimedRefreshOutcome, RefreshCoordinator } from './refresh-coordinator.ts';

export interface RefresherOptions {
  /** Seconds between sweeps. Default 60. A sweep still running when the next one is due is not started twice. */
  intervalSeconds?: number;
  /**
   * Refresh tokens that expire within this many seconds. Default 600. Keep it above
   * `intervalSeconds` plus the length of a sweep, so that a token is refreshed before it expires.
   */
  aheadSeconds?: number;
  /**
   * Most accounts one claim statement takes. Default 50. A claim is also sized to the free slots:
   * an instance holds at most one round (`concurrency`) of claimed accounts waiting besides those
   * in flight, so no account waits long with its lease held; the sweep claims again as slots free
   * up, until nothing due is left or `maxPerSweep` is reached.
   */
  batchSize?: number;
  /** Token requests this instance has in flight at once. Default 8. */
  concurrency?: number;
  /**
   * Token requests this instance has in flight at once for one connection (a provider's rate limit
   * is per OAuth client, that is per connection). Default 4. With N instances the provider sees
   * up to N times this.
   */
  perConnectionConcurrency?: number;
  /**
   * Seconds a claimed account stays leased to this instance before another one may take it.
   * Default 60, at least 40. The lease must cover the wait for a slot and then the whole refresh
   * (the token call and the write of its result, for which reads take a 30-second lease): an
   * account whose claim has less than 30 s left when its slot comes is handed back, not refreshed.
   */
  leaseSeconds?: number;
  /** Most accounts one sweep claims. Default 10 000; the rest wait for the next sweep (or the next read). */
  maxPerSweep?: number;
}

export interface SweepResult {
  refreshed: number;
  failed: number;
  /** Expired authorization links and OAuth transactions deleted. */
  pruned: number;
  /** Webhook messages sent, and attempts that failed (retried later), in this sweep. */
  webhooksDelivered: number;
  webhooksFailed: number;
}

/** Expired links and transactions are kept a while so a late visitor sees "expired", not "unknown". */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

/**
 * What a claim's lease must still have left when its refresh starts: the lease a read takes for
 * one refresh by default (refresh.leaseSeconds, which covers the token call and the write).
 */
const REFRESH_BUDGET_MS = 30_000;

/**
 * Claimed accounts an instance holds per slot, counting the one in flight: 2 keeps one round
 * waiting, so a slot that frees up starts the next refresh at once while a claim is under way, and
 * an account waits at most about one token call with its lease held.
 */
const WAITING_ROUNDS = 2;

/** A provider that throttles, fails or cannot be reached: the whole connection backs off. */
const isThrottled = (outcome: ClaimedRefreshOutcome): boolean =>
  outcome.outcome === 'failed' && (outcome.unreachable || (outcome.httpStatus !== undefined && (outcome.httpStatus === 429 || outcome.httpStatus >= 500)));

export interface Refresher {
  /** Runs one sweep now: refreshes expiring tokens and deletes long-expired links and OAuth transactions. */
  runOnce(): Promise<SweepResult>;
  /** Stops claiming, hands back claimed accounts that have not started and waits for the refreshes in flight. */
  stop(): Promise<void>;
}

interface Claimed {
  row: AccountRow;
  /** performance.now() just before the claim statement: the lease runs out no earlier than leaseMs after it. */
  claimedAt: number;
}

/** What this instance knows about one connection. The pause outlives the sweep that caused it. */
interface ConnectionState {
  inFlight: number;
  queue: Claimed[];
  /** runtime.now() until which nothing of this connection is claimed or started. */
  pausedUntil: number;
  /** When the current pause began: failures of requests started before it belong to the same outage. */
  pausedAt: number;
  failures: number;
}

/** OnBehalfError messages are safe to log by contract; of anything else (a driver error) only its name. */
const safeMessage = (error: unknown): string => (error instanceof OnBehalfError ? error.message : error instanceof Error ? error.name : typeof error);

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new OnBehalfError('CONFIGURATION_ERROR', `startRefresher: ${name} must be an integer of at least ${min}.`);
  return value;
}

/**
 * Refreshes tokens shortly before they expire so that reads rarely wait for a token endpoint.
 * Instances claim disjoint batches of due accounts by taking their refresh lease in one statement
 * (the same lease reads take), so any number of instances refresh each token exactly once.
 */
export function startRefresher(runtime: Runtime, coordinator: RefreshCoordinator, options: RefresherOptions = {}): Refresher {
  const intervalMs = positiveInteger('intervalSeconds', options.intervalSeconds, 60) * 1000;
  const aheadMs = positiveInteger('aheadSeconds', options.aheadSeconds, 600) * 1000;
  const batchSize = positiveInteger('batchSize', options.batchSize, 50);
  const concurrency = positiveInteger('concurrency', options.concurrency, 8);
  const perConnection = positiveInteger('perConnectionConcurrency', options.perConnectionConcurrency, 4);
  const leaseMs = positiveInteger('leaseSeconds', options.leaseSeconds, 60, 40) * 1000;
  const maxPerSweep = positiveInteger('maxPerSweep', options.maxPerSweep, 10_000);
  const startWindowMs = leaseMs - REFRESH_BUDGET_MS;
  const instanceId = randomBytes(6).toString('hex');
  const connections = new Map<string, ConnectionState>();
  let sweeps = 0;
  let running: Promise<SweepResult> | undefined;
  let stopped = false;

  const stateOf = (name: string): ConnectionState => {
    let state = connections.get(name);
    if (!state) connections.set(name, (state = { inFlight: 0, queue: [], pausedUntil: 0, pausedAt: -Infinity, failures: 0 }));
    return state;
  };
  const isPaused = (state: ConnectionState) => runtime.now() < state.pausedUntil;

  function sweep(): Promise<SweepResult> {
    const owner = `${instanceId}:${++sweeps}`;
    const counts = { refreshed: 0, failed: 0 };
    let claimed = 0;
    let claiming = false;
    let inFlight = 0;
    let queued = 0;
    let releasing = 0;
    /** The connections skipped by the last claim that came back short: claiming again helps only once one of them is claimable. */
    let drainedSkipping: Set<string> | undefined;
    let failure: { error: unknown } | undefined;
    const seen = new Set<string>();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const skipped = (): string[] => [...connections].filter(([, s]) => isPaused(s) || s.inFlight + s.queue.length >= WAITING_ROUNDS * perConnection).map(([name]) => name);

    function release(row: AccountRow): void {
      releasing++;
      runtime.accountsRepo
        .releaseLease(row.id, owner)
        // Harmless when it fails: the lease runs out by itself.
        .catch((error: unknown) => runtime.logger.warn('onbehalf refresher: could not hand back a claimed account', { accountId: row.id, error: safeMessage(error) }))
        .finally(() => {
          releasing--;
          pump();
        });
    }

    function pause(name: string, state: ConnectionState, startedAt: number, httpStatus: number | undefined): void {
      // Requests that were already in flight when the pause began fail for the same outage.
      if (startedAt < state.pausedAt) return;
      state.failures++;
      const ms = backoffMs(state.failures); // the pause after the n-th consecutive 429/5xx
      state.pausedAt = runtime.now();
      state.pausedUntil = state.pausedAt + ms;
      runtime.logger.warn('onbehalf refresher: the provider is throttling or failing, pausing this connection', { connection: name, httpStatus, pauseMs: ms });
    }

    function start(name: string, state: ConnectionState, job: Claimed): void {
      inFlight++;
      state.inFlight++;
      const startedAt = runtime.now();
      coordinator
        .refreshClaimed(job.row, owner, aheadMs)
        .then(
          (outcome) => {
            if (outcome.outcome === 'refreshed') counts.refreshed++;
            if (outcome.outcome === 'failed') counts.failed++;
            if (isThrottled(outcome)) pause(name, state, startedAt, outcome.outcome === 'failed' ? outcome.httpStatus : undefined);
            else if (outcome.outcome === 'refreshed' && startedAt >= state.pausedAt) state.failures = 0;
          },
          (error: unknown) => {
            // Not a provider answer (a database error, say): the coordinator may not have freed the lease.
            counts.failed++;
            runtime.logger.error('onbehalf refresher: refreshing a claimed account failed', { accountId: job.row.id, error: safeMessage(error) });
            release(job.row);
          },
        )
        .finally(() => {
          inFlight--;
          state.inFlight--;
          pump();
        });
    }

    /** Starts queued refreshes round-robin over connections, within both limits; hands back what must not start. */
    function startQueued(): void {
      for (const state of connections.values()) {
        if (state.queue.length > 0 && (stopped || isPaused(state))) {
          queued -= state.queue.length;
          for (const job of state.queue.splice(0)) release(job.row);
        }
      }
      let started = true;
      while (started && inFlight < concurrency) {
        started = false;
        for (const [name, state] of connections) {
          if (inFlight >= concurrency) break;
          if (state.queue.length === 0 || state.inFlight >= perConnection) continue;
          const job = state.queue.shift()!;
          queued--;
          started = true;
          if (performance.now() - job.claimedAt > startWindowMs) release(job.row);
          else start(name, state, job);
        }
      }
    }

    async function claim(limit: number, skip: string[]): Promise<void> {
      const claimedAt = performance.now();
      try {
        const now = runtime.now();
        const rows = await runtime.accountsRepo.claimDue({ aheadMs, now, limit, owner, leaseMs, skipConnections: skip });
        claimed += rows.length;
        let fresh = 0;
        for (const row of rows) {
          // Claimed before in this sweep and handed back (the coordinator found it not due yet):
          // never refreshed twice in one sweep, and not worth claiming again and again.
          if (seen.has(row.id)) {
            release(row);
            continue;
          }
          seen.add(row.id);
          fresh++;
          stateOf(row.connection_name).queue.push({ row, claimedAt });
          queued++;
        }
        drainedSkipping = rows.length < limit || fresh === 0 ? new Set(skip) : undefined;
      } catch (error) {
        failure ??= { error };
      } finally {
        claiming = false;
        pump();
      }
    }

    /** Called whenever something changed: starts what may start, claims when slots are free, and notices the end. */
    function pump(): void {
      startQueued();
      if (claiming) return;
      const skip = skipped();
      const worthClaiming = !stopped && !failure && claimed < maxPerSweep && (!drainedSkipping || [...drainedSkipping].some((name) => !skip.includes(name)));
      // Claim when at least half a round of slots is free (one claim per finished refresh would
      // double the statements), never more than one round ahead of the slots.
      const limit = Math.min(batchSize, WAITING_ROUNDS * concurrency - inFlight - queued, maxPerSweep - claimed);
      const worthIt = Math.max(1, Math.min(batchSize, Math.ceil(concurrency / 2), maxPerSweep - claimed));
      if (worthClaiming && limit >= worthIt) {
        claiming = true;
        void claim(limit, skip);
      } else if (!worthClaiming && inFlight === 0 && queued === 0 && releasing === 0) {
        finish();
      }
    }

    return (async () => {
      pump();
      await finished;
      if (failure) throw failure.error;
      const now = runtime.now();
      const pruned = (await runtime.linksRepo.deleteExpired(now - PRUNE_AFTER_MS)) + (await runtime.transactionsRepo.deleteExpired(now - PRUNE_AFTER_MS));
      // Webhook messages whose first attempt failed are retried here, once their backoff is over;
      // a receiver that is down must not fail the sweep.
      const webhooks = await runtime.webhooks.deliverDue().catch((error: unknown) => {
        runtime.logger.error('onbehalf refresher: webhook delivery failed', { error: safeMessage(error) });
        return { delivered: 0, failed: 0 };
      });
      return { ...counts, pruned, webhooksDelivered: webhooks.delivered, webhooksFailed: webhooks.failed };
    })();
  }

  const runOnce = () => (running ??= sweep().finally(() => (running = undefined)));
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => runtime.logger.error('onbehalf refresher sweep failed', { error: safeMessage(error) }));
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
