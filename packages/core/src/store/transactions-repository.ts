import type { Kysely, Selectable } from 'kysely';
import type { Database, OAuthTransactionsTable } from './schema.ts';

export type TransactionRow = Selectable<OAuthTransactionsTable>;

export function createTransactionsRepository(db: Kysely<Database>) {
  const table = 'onbehalf_oauth_transactions' as const;
  return {
    /** `fields` may be left out: most authorizations carry none. */
    async insert(row: Omit<TransactionRow, 'fields'> & { fields?: string | null }): Promise<void> {
      await db.insertInto(table).values({ fields: null, ...row }).execute();
    },
    findByStateHash: (stateHash: string) => db.selectFrom(table).selectAll().where('state_hash', '=', stateHash).executeTakeFirst(),
    /** Single use: only the first caller to consume a transaction gets true. */
    async consume(id: string, now: number): Promise<boolean> {
      const result = await db.updateTable(table).set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async deleteExpired(before: number): Promise<number> {
      const result = await db.deleteFrom(table).where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteByAccount(accountId: string): Promise<void> {
      await db.deleteFrom(table).where('account_id', '=', accountId).execute();
    },
    async deleteByConnection(connection: string): Promise<void> {
      await db.deleteFrom(table).where('connection_name', '=', connection).execute();
    },
  };
}

export type TransactionsRepository = ReturnType<typeof createTransactionsRepository>;
