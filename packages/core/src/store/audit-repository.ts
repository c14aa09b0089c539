import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export interface AuditEntry {
  type: string;
  accountId?: string | null;
  connection?: string | null;
  identifier?: string | null;
  /** Ids, statuses, durations, error codes: never tokens, secrets or payloads. */
  data?: Record<string, unknown>;
}

const toRow = (entry: AuditEntry, now: number) => ({
  id: newId('evt'),
  type: entry.type,
  account_id: entry.accountId ?? null,
  connection_name: entry.connection ?? null,
  identifier: entry.identifier ?? null,
  data: JSON.stringify(entry.data ?? {}),
  tool: typeof entry.data?.tool === 'string' ? entry.data.tool : null,
  failed: entry.data?.outcome === 'error' ? 1 : 0,
  created_at: now,
});

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async record(entry: AuditEntry, now = Date.now()): Promise<void> {
      await db.insertInto('onbehalf_audit_events').values(toRow(entry, now)).execute();
    },
    /** Several rows in one statement (the audit writer's batches). */
    async recordMany(entries: Array<{ entry: AuditEntry; at: number }>): Promise<void> {
      if (entries.length > 0) await db.insertInto('onbehalf_audit_events').values(entries.map(({ entry, at }) => toRow(entry, at))).execute();
    },
    list: (filter: { accountId?: string; type?: string; limit?: number } = {}) => {
      let query = db.selectFrom('onbehalf_audit_events').selectAll().orderBy('id').limit(filter.limit ?? 100);
      if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
      if (filter.type) query = query.where('type', '=', filter.type);
      return query.execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
