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

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async record(entry: AuditEntry, now = Date.now()): Promise<void> {
      await db
        .insertInto('onbehalf_audit_events')
        .values({
          id: newId('evt'),
          type: entry.type,
          account_id: entry.accountId ?? null,
          connection_name: entry.connection ?? null,
          identifier: entry.identifier ?? null,
          data: JSON.stringify(entry.data ?? {}),
          created_at: now,
        })
        .execute();
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
