import { ACCOUNT_STATUSES, createAccountUsage, type AccountStatus } from '../accounts/index.ts';
import type { Runtime } from '../runtime.ts';

export interface AuditEvent {
  id: string;
  type: string;
  at: Date;
  /** Ids, statuses, durations, error codes (the audit rows never hold secrets). */
  data: Record<string, unknown>;
}

export interface AccountUsage {
  from: Date;
  toolCalls: number;
  failedToolCalls: number;
  lastToolCallAt: Date | null;
}

/** The dashboard's reads that the account API does not offer: counts, the audit trail, usage, refresh health. */
export function createAdminQueries(runtime: Runtime) {
  const db = runtime.store.db;
  const usage = createAccountUsage(runtime);
  return {
    /** Accounts per status, for the connection / identifier filter in use (every status present, zeros included). */
    async countsByStatus(filter: { connection?: string; identifier?: string }): Promise<Record<AccountStatus, number>> {
      let query = db.selectFrom('onbehalf_accounts').select(['status', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('status');
      if (filter.connection) query = query.where('connection_name', '=', filter.connection);
      if (filter.identifier) query = query.where('identifier', '=', filter.identifier);
      const counts = Object.fromEntries(ACCOUNT_STATUSES.map((s) => [s, 0])) as Record<AccountStatus, number>;
      for (const row of await query.execute()) counts[row.status as AccountStatus] = Number(row.n);
      return counts;
    },

    /** The newest `limit` audit events of one account, newest first (ids are time-ordered). */
    async auditTrail(accountId: string, limit = 50): Promise<AuditEvent[]> {
      const rows = await db.selectFrom('onbehalf_audit_events').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
      return rows.map((row) => ({ id: row.id, type: row.type, at: new Date(Number(row.created_at)), data: JSON.parse(row.data) as Record<string, unknown> }));
    },

    /** Tool calls made with the account since `from`, from the `tool.executed` audit rows (the queries ob.accounts.usage runs). */
    async usage(accountId: string, from: Date): Promise<AccountUsage> {
      const counts = await usage.toolExecutions(accountId, from);
      return { from, toolCalls: counts.total, failedToolCalls: counts.failed, lastToolCallAt: counts.lastAt };
    },

    /** Refresh health the public account object leaves out: consecutive failures and the next scheduled refresh. */
    async refreshHealth(accountId: string): Promise<{ refreshFailures: number; nextRefreshAt: Date | null } | undefined> {
      const row = await db.selectFrom('onbehalf_accounts').select(['refresh_failures', 'next_refresh_at']).where('id', '=', accountId).executeTakeFirst();
      return row && { refreshFailures: Number(row.refresh_failures), nextRefreshAt: row.next_refresh_at === null ? null : new Date(Number(row.next_refresh_at)) };
    },
  };
}

export type AdminQueries = ReturnType<typeof createAdminQueries>;
