import type { Logger } from '../logger.ts';
import type { AuditEntry, AuditRepository } from './audit-repository.ts';

/** Rows are written together once this many are queued, or after FLUSH_DELAY_MS. */
const MAX_BATCH = 200;
const FLUSH_DELAY_MS = 20;

/**
 * Writes audit rows behind the caller's back, in batches. A tool call must not wait for its audit
 * row: on PostgreSQL every commit waits for the WAL to reach the disk (milliseconds), which would
 * cost more than the provider call itself. Batching makes that one commit per burst. The price: a
 * crash loses the rows of the last FLUSH_DELAY_MS; `flush()` (ob.close() calls it) loses none.
 */
export function createAuditWriter(audit: AuditRepository, logger: Logger) {
  let queue: Array<{ entry: AuditEntry; at: number }> = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  function writeQueued(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return writing;
    writing = writing
      .then(() => audit.recordMany(batch))
      .catch((error: unknown) => {
        logger.error('onbehalf could not write audit rows', { rows: batch.length, error: error instanceof Error ? error.name : 'unknown' });
      });
    return writing;
  }

  return {
    /** Queues a row; it is written within FLUSH_DELAY_MS. */
    record(entry: AuditEntry, at: number): void {
      queue.push({ entry, at });
      if (queue.length >= MAX_BATCH) void writeQueued();
      else if (!timer) {
        timer = setTimeout(() => void writeQueued(), FLUSH_DELAY_MS);
        timer.unref();
      }
    },
    /** Writes everything queued so far; resolves when it is stored (or its failure logged). */
    flush: (): Promise<void> => writeQueued(),
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;
