import { sql } from 'kysely';
import { openDatabase } from '../../src/store/index.ts';
import type { AccountRow } from '../../src/store/index.ts';

/**
 * Direct access to the accounts table, for tests that stage what another process or time would
 * have done: a token that has expired, a lease whose holder stalled past its end.
 */
export function accountRows(databaseUrl: string) {
  const store = openDatabase(databaseUrl);
  const table = 'onbehalf_accounts' as const;
  return {
    get: (id: string): Promise<AccountRow> => store.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    /** The access token expired a second ago (and was issued an hour before that). */
    async expire(id: string): Promise<void> {
      const now = Date.now();
      await store.db.updateTable(table).set({ expires_at: now - 1000, last_refreshed_at: now - 3_601_000, authorized_at: now - 3_601_000 }).where('id', '=', id).execute();
    },
    /** Due (within the margin of half its lifetime) but still valid for about a minute. */
    async makeDue(id: string): Promise<void> {
      const now = Date.now();
      await store.db.updateTable(table).set({ expires_at: now + 60_000, last_refreshed_at: now - 60_000, authorized_at: now - 60_000 }).where('id', '=', id).execute();
    },
    /** The backoff after a failed refresh is over. */
    async clearBackoff(id: string): Promise<void> {
      await store.db.updateTable(table).set({ next_refresh_at: null }).where('id', '=', id).execute();
    },
    /** Whoever holds the lease is now past its end (as after a long pause). */
    async endLease(id: string): Promise<void> {
      await store.db.updateTable(table).set({ lease_expires_at: sql<number>`0` }).where('id', '=', id).execute();
    },
    close: () => store.destroy(),
  };
}
