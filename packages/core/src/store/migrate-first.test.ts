import { afterEach, beforeEach, expect, it } from 'vitest';
import { createOnBehalf, type OnBehalf } from '../create-on-behalf.ts';
import { silentLogger } from '../logger.ts';
import { createTestDatabase, describeEachDialect, testKey, type TestDatabase } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { migrateFirst } from './migrate-hint.ts';

describeEachDialect('using ob before migrate()', (dialect) => {
  let database: TestDatabase;
  let ob: OnBehalf;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    ob = createOnBehalf({ database: database.url, encryptionKey: testKey(), baseUrl: 'http://localhost:3000/onbehalf', logger: silentLogger });
  });
  afterEach(async () => {
    await ob.close();
    await database.cleanup();
  });

  it('says to run ob.migrate() instead of a raw "no such table" / "relation does not exist"', async () => {
    for (const attempt of [
      () => ob.accounts.getAccessToken({ connection: 'gmail', identifier: 'user_1' }), // the prepared hot read
      () => ob.accounts.getAccessToken({ id: 'acc_1' }),
      () => ob.connections.list(), // through kysely
      () => ob.accounts.list(),
    ]) {
      const error = await expectOnBehalfError(attempt(), 'DATABASE_ERROR');
      expect(error.message).toContain('run `await ob.migrate()`');
      expect(error.message).not.toMatch(/no such table|does not exist in schema|relation "/);
    }
  });

  it('works once migrate() ran', async () => {
    await ob.migrate();
    expect(await ob.connections.list()).toEqual([]);
  });
});

it('leaves every other database error as it is', () => {
  const other = Object.assign(new Error('relation "orders" does not exist'), { code: '42P01' });
  expect(migrateFirst(other)).toBe(other);
  const busy = new Error('database is locked');
  expect(migrateFirst(busy)).toBe(busy);
  expect(migrateFirst('no such table: onbehalf_accounts')).toBe('no such table: onbehalf_accounts');
});
