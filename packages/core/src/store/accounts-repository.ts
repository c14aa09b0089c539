import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { AccountsTable, Database } from './schema.ts';

export type AccountRow = Selectable<AccountsTable>;
export type AccountPatch = Omit<Updateable<AccountsTable>, 'id' | 'version' | 'updated_at' | 'created_at'>;

export interface AccountListFilter {
  connection?: string;
  identifier?: string;
  status?: string | string[];
  afterId?: string;
  limit: number;
}

/** Conditions an update must still meet when it lands: the optimistic-concurrency guard. */
export interface AccountGuard {
  version?: number;
  status?: string | string[];
  credentials?: string | null;
  /** The update belongs to whoever holds the refresh lease. */
  leaseOwner?: string;
}

export function createAccountsRepository(db: Kysely<Database>) {
  const table = 'onbehalf_accounts' as const;
  return {
    /** Inserts unless (connection, identifier) exists; concurrent callers all end up with one row. */
    async insertIfAbsent(row: Omit<AccountRow, 'version'>): Promise<void> {
      await db
        .insertInto(table)
        .values({ ...row, version: 0 })
        .onConflict((oc) => oc.columns(['connection_name', 'identifier']).doNothing())
        .execute();
    },

    findByKey: (connection: string, identifier: string) =>
      db.selectFrom(table).selectAll().where('connection_name', '=', connection).where('identifier', '=', identifier).executeTakeFirst(),

    findById: (id: string) => db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst(),

    async list(filter: AccountListFilter): Promise<AccountRow[]> {
      let query = db.selectFrom(table).selectAll().orderBy('id').limit(filter.limit);
      if (filter.connection !== undefined) query = query.where('connection_name', '=', filter.connection);
      if (filter.identifier !== undefined) query = query.where('identifier', '=', filter.identifier);
      if (filter.status !== undefined) {
        const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
        query = query.where('status', 'in', statuses);
      }
      if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
      return query.execute();
    },

    /**
     * Applies `patch` and bumps `version` in one statement, only while `guard` still holds.
     * Returns false when another writer got there first.
     */
    async update(id: string, patch: AccountPatch, guard: AccountGuard = {}, now = Date.now()): Promise<boolean> {
      let query = db
        .updateTable(table)
        .set({ ...patch, updated_at: now, version: sql<number>`version + 1` })
        .where('id', '=', id);
      if (guard.version !== undefined) query = query.where('version', '=', guard.version);
      if (guard.status !== undefined) query = query.where('status', 'in', Array.isArray(guard.status) ? guard.status : [guard.status]);
      if (guard.credentials !== undefined) {
        query = guard.credentials === null ? query.where('credentials', 'is', null) : query.where('credentials', '=', guard.credentials);
      }
      if (guard.leaseOwner !== undefined) query = query.where('lease_owner', '=', guard.leaseOwner);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * The cross-process refresh lease: one conditional UPDATE that succeeds for exactly one caller
     * while the row is still at `version` and nobody holds an unexpired lease. Works the same on
     * SQLite and PostgreSQL, and does not bump `version` (nothing about the tokens changed yet).
     */
    async tryAcquireLease(id: string, owner: string, version: number, now: number, ttlMs: number): Promise<boolean> {
      const result = await db
        .updateTable(table)
        .set({ lease_owner: owner, lease_expires_at: now + ttlMs })
        .where('id', '=', id)
        .where('version', '=', version)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** ACTIVE OAuth accounts whose token expires before `before` and that are not backing off. */
    listExpiring: (before: number, now: number, limit: number) =>
      db
        .selectFrom(table)
        .selectAll()
        .where('status', '=', 'ACTIVE')
        .where('expires_at', 'is not', null)
        .where('expires_at', '<', before)
        .where((eb) => eb.or([eb('next_refresh_at', 'is', null), eb('next_refresh_at', '<=', now)]))
        .orderBy('expires_at')
        .limit(limit)
        .execute(),

    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteByConnection(connection: string): Promise<number> {
      const result = await db.deleteFrom(table).where('connection_name', '=', connection).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Rows whose credentials are sealed under another key than `currentKeyId`, in id order. */
    listStaleKeys: (currentKeyId: string, afterId: string, limit: number) =>
      db
        .selectFrom(table)
        .select(['id', 'credentials', 'credentials_key_id'])
        .where('credentials', 'is not', null)
        .where((eb) => eb.or([eb('credentials_key_id', '!=', currentKeyId), eb('credentials_key_id', 'is', null)]))
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute(),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
