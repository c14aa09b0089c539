import type { DatabaseConnection, Dialect } from 'kysely';
import { OnBehalfError } from '../errors.ts';

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * The raw error of a query that ran before `ob.migrate()` created the tables (SQLite "no such
 * table: onbehalf_…", PostgreSQL 42P01 `relation "onbehalf_…" does not exist`) as an
 * OnBehalfError that says what to do. Only onbehalf's own tables: anything else is returned as is.
 */
export function migrateFirst(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  const table = /no such table: (?:main\.)?(onbehalf_\w+)/.exec(message)?.[1]
    ?? ((error as { code?: string } | null)?.code === UNDEFINED_TABLE ? /relation "(?:[\w]+\.)?(onbehalf_\w+)" does not exist/.exec(message)?.[1] : undefined);
  if (!table) return error;
  return new OnBehalfError('DATABASE_ERROR', `onbehalf's tables do not exist in this database yet (${table} is missing): run \`await ob.migrate()\` once at startup, before using ob. It is safe to run on every start and from several processes.`, {
    details: { table },
  });
}

const HINTED = Symbol('onbehalf.migrateHint');

/**
 * `dialect` with every query's failure passed through `migrateFirst`, once, where kysely runs it.
 * Each connection is patched in place the first time the driver hands it out (the driver keeps
 * its own private handles on it), so the translation costs nothing until a query fails.
 */
export function withMigrateHint(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async (options) => {
        const connection = (await acquire(options)) as DatabaseConnection & { [HINTED]?: true };
        if (!connection[HINTED]) {
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = <R>(query: Parameters<typeof execute>[0], queryOptions?: Parameters<typeof execute>[1]) =>
            execute<R>(query, queryOptions).catch((error: unknown): never => {
              throw migrateFirst(error);
            });
          connection[HINTED] = true;
        }
        return connection;
      };
      return driver;
    },
  };
}
