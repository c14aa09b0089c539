import { OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { ConnectedAccount } from '../accounts/index.ts';

/** One item of a bulk call: its account, or why it failed (the other items go on regardless). */
export type BulkResult = { ok: true; account: ConnectedAccount } | { ok: false; error: OnBehalfError };

/** Items worked on at once: enough to overlap database and provider round trips, few enough not to flood either. */
const CONCURRENCY = 8;
const MAX_ITEMS = 1000;

function asOnBehalfError(error: unknown): OnBehalfError {
  if (isOnBehalfError(error)) return error;
  // Not one of ours: a driver error, whose message may say too much (its name does not).
  return new OnBehalfError('DATABASE_ERROR', `The item failed (${error instanceof Error ? error.name : 'unknown error'}).`, { retryable: true });
}

/** Runs `each` over `items`, at most CONCURRENCY at a time, and returns one result per item, in order. */
export async function runBulk<T>(name: string, items: readonly T[], each: (item: T) => Promise<ConnectedAccount>): Promise<BulkResult[]> {
  if (!Array.isArray(items)) throw new OnBehalfError('INVALID_INPUT', `${name} takes an array.`);
  if (items.length > MAX_ITEMS) throw new OnBehalfError('INVALID_INPUT', `${name} takes at most ${MAX_ITEMS} items per call.`);
  const results = new Array<BulkResult>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { ok: true, account: await each(items[index]!) };
      } catch (error) {
        results[index] = { ok: false, error: asOnBehalfError(error) };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
