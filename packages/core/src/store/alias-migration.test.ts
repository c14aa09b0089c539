import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/support/databases.ts';
import { migrations } from './migrations.ts';
import { migrateToLatest, openDatabase, type StoreDatabase } from './index.ts';

/** 0003_account_alias_identity on a database that already holds accounts from before it. */
describeEachDialect('migration 0003_account_alias_identity', (dialect) => {
  let database: TestDatabase;
  let store: StoreDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    store = openDatabase(database.url);
  });

  afterEach(async () => {
    await store.destroy();
    await database.cleanup();
  });

  const account = (id: string, identifier: string) => ({
    id, connection_name: 'gmail', identifier, identifier_type: 'user_id', status: 'ACTIVE', scopes: '["a"]', metadata: '{"k":1}', account_values: '{"v":"x"}',
    version: 3, refresh_failures: 0, created_at: 1, updated_at: 2,
  });

  it('gives existing accounts the default alias, keeps their columns, and makes (connection, identifier, alias) the unique key', async () => {
    const before = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => ({ '0001_initial': migrations['0001_initial']!, '0002_account_values': migrations['0002_account_values']! }) },
      migrationTableName: 'onbehalf_migrations',
      migrationLockTableName: 'onbehalf_migrations_lock',
      ...(dialect === 'postgres' ? { migrationTableSchema: (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s } : {}),
    });
    expect((await before.migrateToLatest()).error).toBeUndefined();
    const db = store.db as unknown as import('kysely').Kysely<any>;
    await db.insertInto('onbehalf_accounts').values([account('acc_1', 'u1'), account('acc_2', 'u2')]).execute();
    await db.insertInto('onbehalf_authorization_links').values({ id: 'lnk_1', token_hash: 'h', account_id: 'acc_1', connection_name: 'gmail', identifier: 'u1', expires_at: 9, created_at: 1 }).execute();

    const { applied } = await migrateToLatest(store);
    expect(applied).toContain('0003_account_alias_identity');
    const rows = await store.db.selectFrom('onbehalf_accounts').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.alias, r.identity_subject, r.version, r.metadata, r.account_values])).toEqual([
      ['acc_1', 'default', null, 3, '{"k":1}', '{"v":"x"}'],
      ['acc_2', 'default', null, 3, '{"k":1}', '{"v":"x"}'],
    ]);
    expect((await store.db.selectFrom('onbehalf_authorization_links').selectAll().executeTakeFirstOrThrow()).replace_identity).toBe(0);

    // A second alias for the same (connection, identifier) is allowed; the same alias twice is not.
    await db.insertInto('onbehalf_accounts').values({ ...account('acc_3', 'u1'), alias: 'work' }).execute();
    await expect(db.insertInto('onbehalf_accounts').values({ ...account('acc_4', 'u1'), alias: 'work' }).execute()).rejects.toThrow();
    await expect(db.insertInto('onbehalf_accounts').values(account('acc_5', 'u1')).execute()).rejects.toThrow();
  });
});
