import { sql, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from './database.ts';
import { dbNowMs } from './db-clock.ts';
import type { Database, WebhookOutboxTable } from './schema.ts';

export type OutboxRow = Selectable<WebhookOutboxTable>;

export interface NewOutboxMessage {
  id: string;
  endpoint: string;
  eventType: string;
  /** The JSON body to send, as it will be signed: ids and statuses only. */
  payload: string;
}

export interface OutboxClaim {
  /** Endpoints this instance knows the secret of; rows for others are left to the instances that do. */
  endpoints: string[];
  owner: string;
  now: number;
  leaseMs: number;
  limit: number;
}

const table = 'onbehalf_webhook_outbox' as const;

/**
 * The webhook outbox: one row per message and endpoint, inserted in the transaction of the change
 * it reports (so a change that rolls back never announces itself, and one that commits always
 * does), then claimed with a lease by whichever instance delivers it.
 */
export function createOutboxRepository(db: Kysely<Database>, dialect: DialectName = 'sqlite') {
  return {
    async insert(messages: NewOutboxMessage[], now: number): Promise<void> {
      if (messages.length === 0) return;
      await db
        .insertInto(table)
        .values(messages.map((m) => ({
          id: m.id,
          endpoint: m.endpoint,
          event_type: m.eventType,
          payload: m.payload,
          state: 'pending',
          attempts: 0,
          next_attempt_at: now,
          lease_owner: null,
          lease_expires_at: null,
          last_error: null,
          delivered_at: null,
          created_at: now,
        })))
        .execute();
    },

    /**
     * Takes the lease of up to `limit` pending messages that are due and not leased, in one
     * statement, and returns them. Instances get disjoint sets: PostgreSQL skips rows another
     * claim has locked (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time. The lease is
     * judged by the database's clock, like the refresh lease (see dbNowMs).
     */
    claimDue(claim: OutboxClaim): Promise<OutboxRow[]> {
      if (claim.endpoints.length === 0) return Promise.resolve([]);
      const dbNow = dbNowMs(dialect, claim.now);
      let due = db
        .selectFrom(table)
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', claim.now)
        .where('endpoint', 'in', claim.endpoints)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', dbNow)]))
        .orderBy('next_attempt_at')
        .limit(claim.limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return db
        .updateTable(table)
        .set({ lease_owner: claim.owner, lease_expires_at: sql<number>`${dbNow} + ${claim.leaseMs}` })
        .where('id', 'in', due)
        .returningAll()
        .execute();
    },

    /** Records a successful delivery; false when the lease was lost meanwhile (another instance has the row). */
    async markDelivered(id: string, endpoint: string, owner: string, attempts: number, now: number): Promise<boolean> {
      const result = await db
        .updateTable(table)
        .set({ state: 'delivered', delivered_at: now, attempts, last_error: null, lease_owner: null, lease_expires_at: null })
        .where('id', '=', id)
        .where('endpoint', '=', endpoint)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Records a failed attempt: retried at `nextAttemptAt`, or given up (`state: 'failed'`) when it is null. */
    async markFailed(id: string, endpoint: string, owner: string, attempts: number, error: string, nextAttemptAt: number | null): Promise<void> {
      await db
        .updateTable(table)
        .set({
          state: nextAttemptAt === null ? 'failed' : 'pending',
          attempts,
          last_error: error,
          next_attempt_at: nextAttemptAt ?? sql<number>`next_attempt_at`,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('id', '=', id)
        .where('endpoint', '=', endpoint)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /** Deletes delivered and given-up messages created before `before`; returns how many. */
    async prune(before: number): Promise<number> {
      const result = await db.deleteFrom(table).where('state', 'in', ['delivered', 'failed']).where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    list: (filter: { state?: string; limit?: number } = {}) => {
      let query = db.selectFrom(table).selectAll().orderBy('created_at').orderBy('id').limit(filter.limit ?? 100);
      if (filter.state) query = query.where('state', '=', filter.state);
      return query.execute();
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
