import type { Kysely, Selectable } from 'kysely';
import type { AuthorizationLinksTable, Database } from './schema.ts';

export type LinkRow = Selectable<AuthorizationLinksTable>;

export function createLinksRepository(db: Kysely<Database>) {
  const table = 'onbehalf_authorization_links' as const;
  return {
    /** `fields` and `replace_identity` may be left out: most authorizations carry neither. */
    async insert(row: Omit<LinkRow, 'fields' | 'replace_identity'> & { fields?: string | null; replace_identity?: number }): Promise<void> {
      await db.insertInto(table).values({ fields: null, replace_identity: 0, ...row }).execute();
    },
    findById: (id: string) => db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst(),
    findByHash: (tokenHash: string) => db.selectFrom(table).selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    /**
     * Unused links of an account for this returnTo and these scopes that stay valid past
     * `validAfter`, longest-lived first: the candidates for handing out again.
     */
    listReusable: (accountId: string, match: { returnTo: string | null; scopes: string | null; validAfter: number }) =>
      db
        .selectFrom(table)
        .selectAll()
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', match.validAfter)
        .where('return_to', match.returnTo === null ? 'is' : '=', match.returnTo)
        .where('scopes', match.scopes === null ? 'is' : '=', match.scopes)
        .where('replace_identity', '=', 0)
        .orderBy('expires_at', 'desc')
        .limit(10)
        .execute(),
    /** Marks a link used once an authorization completed through it; false if it already was. */
    async markUsed(id: string, now: number): Promise<boolean> {
      const result = await db.updateTable(table).set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** Undoes `markUsed(id, usedAt)` when what it claimed the link for could not be done; false if the mark was not that one. */
    async release(id: string, usedAt: number): Promise<boolean> {
      const result = await db.updateTable(table).set({ used_at: null }).where('id', '=', id).where('used_at', '=', usedAt).executeTakeFirst();
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

export type LinksRepository = ReturnType<typeof createLinksRepository>;
