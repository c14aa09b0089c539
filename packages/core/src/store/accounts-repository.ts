import { sql, type CompiledQuery, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DialectName, PreparedQuery } from './database.ts';
import { dbNowMs } from './db-clock.ts';
import type { AccountsTable, Database } from './schema.ts';

export type AccountRow = Selectable<AccountsTable>;

/** The alias of an account nobody named: what every call without `alias` means. */
export const DEFAULT_ALIAS = 'default';
export type AccountPatch = Omit<Updateable<AccountsTable>, 'id' | 'version' | 'updated_at' | 'created_at'>;

export interface AccountListFilter {
  connection?: string;
  identifier?: string;
  alias?: string;
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

/** Where the proactive refresher looks for work; see `claimDue`. */
export interface DueFilter {
  /** Tokens due within this margin: expiring within it, or within half their lifetime if that is shorter. */
  aheadMs: number;
  now: number;
  limit: number;
  owner: string;
  leaseMs: number;
  /** Connections to leave alone this time (backing off after 429/5xx). */
  skipConnections?: string[];
}

/** PostgreSQL's answer when a named statement was prepared before a migration changed the table. */
const CACHED_PLAN_CHANGED = '0A000';

export function createAccountsRepository(db: Kysely<Database>, dialect: DialectName = 'sqlite', preparedQuery?: PreparedQuery) {
  const table = 'onbehalf_accounts' as const;

  // The token read path runs these two queries more than anything else: compiled once, then
  // executed with new parameters, so no query building or compiling happens per read. On a
  // PostgreSQL pool of our own they are named prepared statements, planned once per connection.
  const byIdQuery = db.selectFrom(table).selectAll().where('id', '=', '').compile();
  const byKeyQuery = db.selectFrom(table).selectAll().where('connection_name', '=', '').where('identifier', '=', '').where('alias', '=', '').compile();
  // An identifier's accounts on one connection (a tool call without an account selector): at most
  // a few rows, read through the unique (connection, identifier, alias) index.
  const byOwnerQuery = db.selectFrom(table).selectAll().where('connection_name', '=', '').where('identifier', '=', '').orderBy('alias').limit(0).compile();
  let prepared = preparedQuery;
  const viaKysely = async (query: CompiledQuery<AccountRow>, parameters: unknown[]) => (await db.executeQuery<AccountRow>({ ...query, parameters })).rows[0];
  const fallBack = (error: unknown, query: CompiledQuery<AccountRow>, parameters: unknown[]) => {
    // Another instance migrated the table under our prepared statements (a rolling deploy):
    // go on with plain statements in this process.
    if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
    prepared = undefined;
    return viaKysely(query, parameters);
  };
  /** Every row of a hot read, on the same fast path as `first`. */
  function all(name: string, query: CompiledQuery<AccountRow>, parameters: unknown[]): Promise<AccountRow[]> {
    const viaKyselyAll = async () => (await db.executeQuery<AccountRow>({ ...query, parameters })).rows;
    if (!prepared) return viaKyselyAll();
    let answer: ReturnType<PreparedQuery>;
    try {
      answer = prepared(name, query.sql, parameters);
    } catch (error) {
      return Promise.reject(error);
    }
    if (Array.isArray(answer)) return Promise.resolve(answer as AccountRow[]);
    if (answer === undefined) return viaKyselyAll();
    return answer.then(
      (rows) => (rows ? (rows as AccountRow[]) : viaKyselyAll()),
      (error: unknown) => {
        if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
        prepared = undefined;
        return viaKyselyAll();
      },
    );
  }

  /** Not async on purpose: on SQLite the fast path answers without a single await. */
  function first(name: string, query: CompiledQuery<AccountRow>, parameters: unknown[]): Promise<AccountRow | undefined> {
    if (!prepared) return viaKysely(query, parameters);
    let answer: ReturnType<PreparedQuery>;
    try {
      answer = prepared(name, query.sql, parameters);
    } catch (error) {
      return Promise.reject(error);
    }
    if (Array.isArray(answer)) return Promise.resolve(answer[0] as AccountRow | undefined);
    if (answer === undefined) return viaKysely(query, parameters);
    return answer.then((rows) => (rows ? (rows[0] as AccountRow | undefined) : viaKysely(query, parameters)), (error: unknown) => fallBack(error, query, parameters));
  }

  return {
    /** Inserts unless (connection, identifier, alias) exists; concurrent callers all end up with one row. */
    async insertIfAbsent(row: Omit<AccountRow, 'version'>): Promise<void> {
      await db
        .insertInto(table)
        .values({ ...row, version: 0 })
        .onConflict((oc) => oc.columns(['connection_name', 'identifier', 'alias']).doNothing())
        .execute();
    },

    findByKey: (connection: string, identifier: string, alias = DEFAULT_ALIAS) => first('onbehalf_account_by_key', byKeyQuery, [connection, identifier, alias]),

    /** Up to `limit` accounts of `identifier` on `connection`, by alias. */
    listByOwner: (connection: string, identifier: string, limit: number): Promise<AccountRow[]> => all('onbehalf_accounts_by_owner', byOwnerQuery, [connection, identifier, limit]),

    findById: (id: string) => first('onbehalf_account_by_id', byIdQuery, [id]),

    async list(filter: AccountListFilter): Promise<AccountRow[]> {
      let query = db.selectFrom(table).selectAll().orderBy('id').limit(filter.limit);
      if (filter.connection !== undefined) query = query.where('connection_name', '=', filter.connection);
      if (filter.identifier !== undefined) query = query.where('identifier', '=', filter.identifier);
      if (filter.alias !== undefined) query = query.where('alias', '=', filter.alias);
      if (filter.status !== undefined) {
        const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
        query = query.where('status', 'in', statuses);
      }
      if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
      return query.execute();
    },

    /**
     * Applies `patch` and bumps `version` in one statement, only while `guard` still holds.
     * Returns the row as written, or undefined when another writer got there first.
     */
    async update(id: string, patch: AccountPatch, guard: AccountGuard = {}, now = Date.now()): Promise<AccountRow | undefined> {
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
      return query.returningAll().executeTakeFirst();
    },

    /**
     * The cross-process refresh lease: one conditional UPDATE that succeeds for exactly one caller
     * while the row is still at `version` and nobody holds an unexpired lease. Works the same on
     * SQLite and PostgreSQL, judges expiry by the database's clock (see dbNowMs), does not bump
     * `version` (nothing about the tokens changed yet) and returns the leased row.
     */
    tryAcquireLease(id: string, owner: string, version: number, now: number, ttlMs: number): Promise<AccountRow | undefined> {
      const dbNow = dbNowMs(dialect, now);
      return db
        .updateTable(table)
        .set({ lease_owner: owner, lease_expires_at: sql<number>`${dbNow} + ${ttlMs}` })
        .where('id', '=', id)
        .where('version', '=', version)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', dbNow)]))
        .returningAll()
        .executeTakeFirst();
    },

    /**
     * Claims up to `limit` ACTIVE accounts whose token is due within `aheadMs` and that are neither
     * backing off nor leased, by taking their refresh lease in one statement, and returns them.
     * Refresher instances get disjoint batches: PostgreSQL skips rows another claim has locked
     * (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time, so the statement is atomic.
     */
    claimDue(filter: DueFilter): Promise<AccountRow[]> {
      const dbNow = dbNowMs(dialect, filter.now);
      // The due rule of refresh/token-due.ts, in SQL: a token is due within min(ahead, half its
      // lifetime) of expiry, its lifetime counted from its last refresh or consent. Without it, a
      // short-lived token would be claimed in every sweep and handed back as not due.
      const ahead = sql<number>`cast(${filter.aheadMs} as bigint)`;
      const issued = sql<number>`(case when coalesce(last_refreshed_at, 0) >= coalesce(authorized_at, 0) then last_refreshed_at else authorized_at end)`;
      const halfLife = sql<number>`((expires_at - ${issued}) / 2)`;
      const margin = sql<number>`(case when ${issued} is null or ${halfLife} <= 0 or ${halfLife} > ${ahead} then ${ahead} else ${halfLife} end)`;
      let due = db
        .selectFrom(table)
        .select('id')
        .where('status', '=', 'ACTIVE')
        // An account whose app turned auto refresh off is refreshed only when it is read.
        .where('auto_refresh', '=', 1)
        .where('expires_at', 'is not', null)
        .where('expires_at', '<', filter.now + filter.aheadMs)
        .where(sql<number>`expires_at - ${margin}`, '<=', filter.now)
        .where((eb) => eb.or([eb('next_refresh_at', 'is', null), eb('next_refresh_at', '<=', filter.now)]))
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', dbNow)]))
        .orderBy('expires_at')
        .limit(filter.limit);
      if (filter.skipConnections?.length) due = due.where('connection_name', 'not in', filter.skipConnections);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return db
        .updateTable(table)
        .set({ lease_owner: filter.owner, lease_expires_at: sql<number>`${dbNow} + ${filter.leaseMs}` })
        .where('id', 'in', due)
        .returningAll()
        .execute();
    },

    /** Frees a lease and changes nothing else (a claimed account that needed no refresh after all). */
    async releaseLease(id: string, owner: string): Promise<void> {
      await db.updateTable(table).set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
    },

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

    /** How many rows `listStaleKeys` has left: the total a key rotation shows progress against. */
    async countStaleKeys(currentKeyId: string): Promise<number> {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('credentials', 'is not', null)
        .where((eb) => eb.or([eb('credentials_key_id', '!=', currentKeyId), eb('credentials_key_id', 'is', null)]))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** The newest rows that hold sealed credentials, for checking that the key ring opens them. */
    listSealed: (limit: number) =>
      db.selectFrom(table).select(['id', 'credentials', 'credentials_key_id']).where('credentials', 'is not', null).orderBy('updated_at', 'desc').limit(limit).execute(),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
