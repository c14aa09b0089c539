import type { Kysely, Selectable } from 'kysely';
import type { ConnectionsTable, Database } from './schema.ts';

export type ConnectionRow = Selectable<ConnectionsTable>;

export interface ConnectionWrite {
  name: string;
  provider: string;
  client_id: string | null;
  client_secret: string | null;
  client_secret_key_id: string | null;
  scopes: string;
  authorization_params: string;
  settings: string;
}

export function createConnectionsRepository(db: Kysely<Database>) {
  return {
    async upsert(id: string, row: ConnectionWrite, now: number, keepSecret: boolean): Promise<void> {
      const update: Partial<ConnectionWrite> & { updated_at: number } = { ...row, updated_at: now };
      if (keepSecret) {
        delete update.client_secret;
        delete update.client_secret_key_id;
      }
      await db
        .insertInto('onbehalf_connections')
        .values({ id, ...row, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet(update))
        .execute();
    },
    find: (name: string) => db.selectFrom('onbehalf_connections').selectAll().where('name', '=', name).executeTakeFirst(),
    list: () => db.selectFrom('onbehalf_connections').selectAll().orderBy('name').execute(),
    async delete(name: string): Promise<boolean> {
      const result = await db.deleteFrom('onbehalf_connections').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listStaleKeys(currentKeyId: string): Promise<ConnectionRow[]> {
      return db
        .selectFrom('onbehalf_connections')
        .selectAll()
        .where('client_secret', 'is not', null)
        .where((eb) => eb.or([eb('client_secret_key_id', '!=', currentKeyId), eb('client_secret_key_id', 'is', null)]))
        .execute();
    },
    async replaceSecret(name: string, oldCiphertext: string, ciphertext: string, keyId: string): Promise<boolean> {
      const result = await db
        .updateTable('onbehalf_connections')
        .set({ client_secret: ciphertext, client_secret_key_id: keyId })
        .where('name', '=', name)
        .where('client_secret', '=', oldCiphertext)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type ConnectionsRepository = ReturnType<typeof createConnectionsRepository>;
