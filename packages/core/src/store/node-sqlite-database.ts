import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { StatementSync } from 'node:sqlite';
import { loadNodeSqlite } from './load-node-sqlite.ts';

type Param = null | number | bigint | string | NodeJS.ArrayBufferView;

const MAX_CACHED_STATEMENTS = 256;

export interface NodeSqliteDatabase extends SqliteDatabase {
  /**
   * Runs a read on the same connection, outside kysely: the token read path's prepared statements.
   * Undefined while a transaction is open on the connection (only migrations open one), so that a
   * read never sees a half-done migration: the caller then goes through kysely, which waits.
   */
  readNow(sql: string, parameters: readonly unknown[]): Record<string, unknown>[] | undefined;
}

/**
 * Node's built-in SQLite (node:sqlite, Node >= 22.13) behind the interface kysely's SqliteDialect
 * expects. Built in means no native addon to compile or to crash at exit, which is why it is the
 * embedded default rather than better-sqlite3 (an app can still pass its own Kysely instance).
 */
export function openNodeSqlite(file: string): NodeSqliteDatabase {
  const { DatabaseSync } = loadNodeSqlite();
  const db = new DatabaseSync(file);
  // WAL lets other processes read while one writes; busy_timeout makes a writer wait for another
  // process's write lock instead of failing at once.
  db.exec('PRAGMA busy_timeout = 10000');
  if (file !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  // kysely prepares every query it runs; the hot reads run the same few SQL strings again and
  // again, and preparing is a large part of their cost. SQLite re-prepares a cached statement by
  // itself after a schema change, so reuse is safe. Bounded: ad-hoc SQL cannot grow it forever.
  const statements = new Map<string, SqliteStatement>();
  function prepareStatement(sql: string): SqliteStatement {
    const statement: StatementSync = db.prepare(sql);
    // columns() exists from Node 22.16; before that, recognise row-returning SQL by its shape.
    const reader = typeof statement.columns === 'function'
      ? statement.columns().length > 0
      : /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i.test(sql);
    return {
      reader,
      all: (parameters) => statement.all(...(parameters as Param[])),
      run: (parameters) => statement.run(...(parameters as Param[])),
      iterate: (parameters) => statement.iterate(...(parameters as Param[])) as IterableIterator<unknown>,
    };
  }
  function prepare(sql: string): SqliteStatement {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      statement = prepareStatement(sql);
      statements.set(sql, statement);
    }
    return statement;
  }
  return {
    close: () => db.close(),
    prepare,
    readNow(sql, parameters) {
      if (db.isTransaction) return undefined;
      return prepare(sql).all(parameters) as Record<string, unknown>[];
    },
  };
}
