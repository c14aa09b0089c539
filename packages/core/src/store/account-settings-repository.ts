import type { Kysely, Selectable } from 'kysely';
import type { AccountSettingsTable, Database } from './schema.ts';

export type AccountSettingsRow = Selectable<AccountSettingsTable>;

const table = 'onbehalf_account_settings' as const;

/** Per-account settings, one row per account that has any (see AccountSettingsTable). */
export function createAccountSettingsRepository(db: Kysely<Database>) {
  return {
    find: (accountId: string): Promise<AccountSettingsRow | undefined> => db.selectFrom(table).selectAll().where('account_id', '=', accountId).executeTakeFirst(),

    /** Writes the whole row (the caller has merged it with the stored one). */
    async upsert(row: AccountSettingsRow): Promise<void> {
      await db
        .insertInto(table)
        .values(row)
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ auto_refresh: row.auto_refresh, request_timeout_ms: row.request_timeout_ms, max_retries: row.max_retries, updated_at: row.updated_at }))
        .execute();
    },

    async delete(accountId: string): Promise<void> {
      await db.deleteFrom(table).where('account_id', '=', accountId).execute();
    },
  };
}

export type AccountSettingsRepository = ReturnType<typeof createAccountSettingsRepository>;
