import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';

/**
 * Every store test runs on SQLite, and on PostgreSQL when ONBEHALF_TEST_POSTGRES_URL is set
 * (.ci/run always sets it). Each test database is a fresh SQLite file or a fresh PostgreSQL schema,
 * so test files can run in parallel against one server.
 */
export type TestDialect = 'sqlite' | 'postgres';

export const testDialects: TestDialect[] = process.env.ONBEHALF_TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  url: string;
  /** SQLite only: the file, for scanning what is on disk. */
  file?: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'onbehalf-test-'));
    const file = join(dir, 'onbehalf.db');
    return { url: `sqlite:${file}`, file, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.ONBEHALF_TEST_POSTGRES_URL!;
  const schema = `ob_test_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.href,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of testDialects) describe(`${name} [${dialect}]`, () => body(dialect));
}

export const testKey = (): string => randomBytes(32).toString('base64');
