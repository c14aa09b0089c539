import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import { createRequire } from 'node:module';
import { OnBehalfError } from '../errors.ts';
import { openNodeSqlite } from './node-sqlite-database.ts';
import type { Database } from './schema.ts';

export type DatabaseOption = string | { kysely: Kysely<any> } | undefined;

export type DialectName = 'sqlite' | 'postgres';

export interface StoreDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
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

function sqliteDialect(file: string): Dialect {
  return new SqliteDialect({ database: async () => openNodeSqlite(file) });
}

function postgresDialect(url: string): Dialect {
  const pg = loadOptional<typeof import('pg')>('pg', 'A PostgreSQL database');
  // BIGINT (epoch ms) arrives as a number for our own pool; the global pg parsers stay untouched.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
  };
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10, types }) });
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
  const isPostgres = /^postgres(ql)?:\/\//i.test(url);
  const db = new Kysely<Database>({ dialect: isPostgres ? postgresDialect(url) : sqliteDialect(sqliteFile(url)) });
  return { db, dialect: isPostgres ? 'postgres' : 'sqlite', destroy: () => db.destroy() };
}
