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
 * kysely's advisory lock; on SQLite the migration runs in one transaction and a process that
 * loses the race retries, then finds nothing left to do.
 */
export async function migrateToLatest(store: StoreDatabase): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db: store.db,
    provider,
    migrationTableName: 'onbehalf_migrations',
    migrationLockTableName: 'onbehalf_migrations_lock',
  });
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
    if (isBusy(error) && attempt < 50) {
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      continue;
    }
    throw new OnBehalfError('DATABASE_ERROR', `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
