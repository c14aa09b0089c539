import { sql, type Kysely } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { OnBehalfError } from '../errors.ts';
import { migrations } from './migrations.ts';
import type { StoreDatabase } from './database.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** SQLite answers "busy" when two processes race to upgrade a read lock; the loser just retries. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(String((error as Error)?.message));
}

/**
 * Brings the schema up to date. Safe from several processes at once: PostgreSQL serialises on
 * kysely's advisory lock inside a transaction. kysely runs SQLite migrations outside any
 * transaction, so on SQLite we hold `BEGIN IMMEDIATE` (the database's write lock) around the whole
 * run: a second process waits for it, then finds nothing left to do.
 */
export async function migrateToLatest(store: StoreDatabase): Promise<{ applied: string[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return store.dialect === 'sqlite' ? await migrateSqlite(store) : await runMigrator(store.db, store);
    } catch (error) {
      if (isBusy(error) && attempt < 50) {
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
        continue;
      }
      if (error instanceof OnBehalfError) throw error;
      throw new OnBehalfError('DATABASE_ERROR', `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function migrateSqlite(store: StoreDatabase): Promise<{ applied: string[] }> {
  return store.db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await runMigrator(connection, store);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}

async function runMigrator(db: Kysely<any>, store: StoreDatabase): Promise<{ applied: string[] }> {
  // kysely looks for its bookkeeping tables across every schema it can see; name ours, or a copy of
  // onbehalf in another schema of the same database would be taken for this one.
  const schema = store.dialect === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'onbehalf_migrations',
    migrationLockTableName: 'onbehalf_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
