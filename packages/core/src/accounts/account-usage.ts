import type { AccountStatus } from '../account-status.ts';
import { OnBehalfError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import type { AccountRow } from '../store/index.ts';

export interface AccountHealth {
  status: AccountStatus;
  tokenExpiresAt: Date | null;
  lastRefreshAt: Date | null;
  /** How the newest refresh attempt ended; null when none was made. */
  lastRefreshOutcome: 'success' | 'failure' | null;
  consecutiveRefreshFailures: number;
  /** Share of the account's provider API requests of the last 24 hours that failed (HTTP ≥ 400 or unreachable); null without requests. */
  apiErrorRate: number | null;
}

export interface AccountUsageSummary {
  from: Date;
  to: Date;
  toolExecutions: number;
  /** Provider API requests made for the account (by its tools and by ob.fetch), each counted once whatever its retries. */
  apiRequests: number;
  /** Share of the tool executions that failed; 0 without executions. */
  errorRate: number;
  /** The most used tools, most used first (at most 10). */
  topTools: Array<{ tool: string; count: number }>;
}

export interface ToolExecutionCounts {
  total: number;
  failed: number;
  lastAt: Date | null;
}

const HEALTH_WINDOW_MS = 24 * 3600 * 1000;
const TOP_TOOLS = 10;

type Count = number | string | bigint;

function checkRange(range: { from?: Date; to?: Date } | undefined, now: number): { from: Date; to: Date } {
  const to = range?.to ?? new Date(now);
  const from = range?.from ?? new Date(to.getTime() - 30 * 24 * 3600 * 1000);
  if (!(from instanceof Date) || !(to instanceof Date) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
    throw new OnBehalfError('INVALID_INPUT', 'usage: from and to must be Dates, from not after to.');
  }
  return { from, to };
}

/**
 * A failure counted on the row (an outage, backing off) is the newest outcome; otherwise the
 * newer of the last audited success and failure (a refused refresh token ends the failures count
 * by expiring the account); otherwise a refresh the row remembers.
 */
function lastRefreshOutcome(row: AccountRow, refreshedAt: number | null, failedAt: number | null): AccountHealth['lastRefreshOutcome'] {
  if (Number(row.refresh_failures) > 0) return 'failure';
  if (refreshedAt !== null || failedAt !== null) return (failedAt ?? -1) > (refreshedAt ?? -1) ? 'failure' : 'success';
  return row.last_refreshed_at === null ? null : 'success';
}

/**
 * An account's health and usage figures, from its audit rows. Every query names the account, one
 * audit type and a time range, and reads only columns of the (account_id, type, created_at,
 * failed, tool) index: it touches that account's rows in the range and nothing else, however many
 * rows the table holds. The admin dashboard reads the same queries.
 */
export function createAccountUsage(runtime: Runtime) {
  const db = runtime.store.db;
  const audit = 'onbehalf_audit_events' as const;

  const rowsOf = (accountId: string, type: string, from: number, to: number) =>
    db.selectFrom(audit).where('account_id', '=', accountId).where('type', '=', type).where('created_at', '>=', from).where('created_at', '<', to);

  async function counts(accountId: string, type: string, from: number, to: number): Promise<ToolExecutionCounts> {
    const row = await rowsOf(accountId, type, from, to)
      .select([
        (eb) => eb.fn.countAll<Count>().as('total'),
        (eb) => eb.fn.max('created_at').as('last'),
        (eb) => eb.fn.sum<Count>('failed').as('failed'),
      ])
      .executeTakeFirst();
    return { total: Number(row?.total ?? 0), failed: Number(row?.failed ?? 0), lastAt: row?.last == null ? null : new Date(Number(row.last)) };
  }

  return {
    /** Tool executions of the account in [from, to): how many, how many failed, the newest. */
    async toolExecutions(accountId: string, from: Date, to = new Date(8.64e15)): Promise<ToolExecutionCounts> {
      await runtime.auditWriter.flush();
      return counts(accountId, 'tool.executed', from.getTime(), to.getTime());
    },

    /** Records one provider API request of the account (queued with the other audit rows). */
    recordApiRequest(account: { id: string; connection: string; identifier: string }, status: number | undefined): void {
      const outcome = status !== undefined && status < 400 ? 'success' : 'error';
      runtime.auditWriter.record({ type: 'api.request', accountId: account.id, connection: account.connection, identifier: account.identifier, data: { status: status ?? null, outcome } }, runtime.now());
    },

    async health(row: AccountRow): Promise<AccountHealth> {
      await runtime.auditWriter.flush();
      const now = runtime.now();
      const newest = (type: string) =>
        db.selectFrom(audit).select(['created_at']).where('account_id', '=', row.id).where('type', '=', type).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      const [refreshed, failed, requests] = await Promise.all([newest('token.refreshed'), newest('token.refresh_failed'), counts(row.id, 'api.request', now - HEALTH_WINDOW_MS, now + 1)]);
      const refreshedAt = refreshed ? Number(refreshed.created_at) : null;
      const failedAt = failed ? Number(failed.created_at) : null;
      return {
        status: row.status as AccountStatus,
        tokenExpiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
        lastRefreshAt: row.last_refreshed_at === null ? null : new Date(Number(row.last_refreshed_at)),
        lastRefreshOutcome: lastRefreshOutcome(row, refreshedAt, failedAt),
        consecutiveRefreshFailures: Number(row.refresh_failures),
        apiErrorRate: requests.total === 0 ? null : requests.failed / requests.total,
      };
    },

    async usage(accountId: string, range?: { from?: Date; to?: Date }): Promise<AccountUsageSummary> {
      const { from, to } = checkRange(range, runtime.now());
      await runtime.auditWriter.flush();
      const [tools, requests, top] = await Promise.all([
        counts(accountId, 'tool.executed', from.getTime(), to.getTime()),
        counts(accountId, 'api.request', from.getTime(), to.getTime()),
        rowsOf(accountId, 'tool.executed', from.getTime(), to.getTime())
          .select(['tool', (eb) => eb.fn.countAll<Count>().as('n')])
          .groupBy('tool')
          .orderBy('n', 'desc')
          .orderBy('tool')
          .limit(TOP_TOOLS)
          .execute(),
      ]);
      return {
        from,
        to,
        toolExecutions: tools.total,
        apiRequests: requests.total,
        errorRate: tools.total === 0 ? 0 : tools.failed / tools.total,
        topTools: top.map((row) => ({ tool: String(row.tool), count: Number(row.n) })),
      };
    },
  };
}

export type AccountUsageQueries = ReturnType<typeof createAccountUsage>;
