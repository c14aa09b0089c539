import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { createRequire } from 'node:module';
import { OnBehalfError } from '../errors.ts';
import { migrateFirst, withMigrateHint } from './migrate-hint.ts';
import { openNodeSqlite, type NodeSqliteDatabase } from './node-sqlite-database.ts';
import type { Database } from './schema.ts';

export type DatabaseOption = string | { kysely: Kysely<any> } | undefined;

export type DialectName = 'sqlite' | 'postgres';

/**
 * Runs one read as a prepared statement outside kysely's query pipeline; undefined means "not
 * now, take the ordinary path" (SQLite while a migration holds the connection in a transaction).
 */
export type PreparedQuery = (name: string, sql: string, parameters: readonly unknown[]) => Record<string, unknown>[] | undefined | Promise<Record<string, unknown>[] | undefined>;

export interface StoreDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /**
   * For databases onbehalf opened itself, the hot reads' fast path: on PostgreSQL named prepared
   * statements (parsed and planned once per connection), on SQLite a cached statement run on the
   * shared connection directly (no driver mutex, no result pipeline).
   */
  preparedQuery?: PreparedQuery;
  /** Closes the pool / file handle, but only when onbehalf opened it. */
  destroy(): Promise<void>;
}

const require = createRequire(import.meta.url);

function loadOptional<T>(name: string, purpose: string): T {
  try {
    return require(name) as T;
  } catch {
    throw new OnBehalfError('CONFIGURATION_ERROR', `${purpose} needs the '${name}' package: npm install ${name}`);
  }
}

function sqliteFile(url: string): string {
  if (url === ':memory:' || url === 'sqlite::memory:' || url === 'sqlite://:memory:') return ':memory:';
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  if (url.startsWith('file:')) return url.slice('file:'.length);
  return url;
}

function postgresPool(url: string): import('pg').Pool {
  const pg = loadOptional<typeof import('pg')>('pg', 'A PostgreSQL database');
  // BIGINT (epoch ms) arrives as a number for our own pool; the global pg parsers stay untouched.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
  };
  return new pg.Pool({ connectionString: url, max: 10, types });
}

/**
 * Opens the database named by `database`: a SQLite file (`sqlite:./onbehalf.db`, the default),
 * `:memory:`, a PostgreSQL URL, or an existing Kysely instance that the app owns.
 */
export function openDatabase(database: DatabaseOption): StoreDatabase {
  if (database && typeof database === 'object') {
    if (!(database.kysely instanceof Kysely)) {
      throw new OnBehalfError('CONFIGURATION_ERROR', 'database: expected a URL string or { kysely: Kysely }.');
    }
    const adapter = database.kysely.getExecutor().adapter;
    return {
      db: database.kysely as Kysely<Database>,
      dialect: adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite',
      destroy: async () => {},
    };
  }
  const url = database ?? process.env.ONBEHALF_DATABASE_URL ?? 'sqlite:./onbehalf.db';
  if (typeof url !== 'string' || url.length === 0) throw new OnBehalfError('CONFIGURATION_ERROR', 'database: expected a URL string or { kysely: Kysely }.');
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const pool = postgresPool(url);
    const db = new Kysely<Database>({ dialect: withMigrateHint(new PostgresDialect({ pool })) });
    const preparedQuery: PreparedQuery = (name, text, values) => pool.query({ name, text, values: [...values] }).then((result) => result.rows, (error: unknown) => Promise.reject(migrateFirst(error)));
    return { db, dialect: 'postgres', preparedQuery, destroy: () => db.destroy() };
  }
  // One connection, opened on first use, shared by kysely and the hot reads.
  const file = sqliteFile(url);
  let connection: NodeSqliteDatabase | undefined;
  const open = () => (connection ??= openNodeSqlite(file));
  const db = new Kysely<Database>({ dialect: withMigrateHint(new SqliteDialect({ database: async () => open() })) });
  // Synchronous, as node:sqlite is: the read path saves its promise hops.
  const preparedQuery: PreparedQuery = (_name, text, values) => {
    try {
      return open().readNow(text, values);
    } catch (error) {
      // Only preparing a statement can fail this way, and a prepared one is cached: no cost per read.
      throw migrateFirst(error);
    }
  };
  return { db, dialect: 'sqlite', preparedQuery, destroy: () => db.destroy() };
}
