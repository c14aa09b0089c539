import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, testKey, type TestDatabase } from '../../test/support/databases.ts';
import { createOnBehalf } from '../create-on-behalf.ts';
import { silentLogger } from '../logger.ts';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../../test/support/concurrent-get-or-create.ts', import.meta.url));

describeEachDialect('several processes', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(() => database.cleanup());

  it('migrate and getOrCreate of one account from 4 processes at once yield one row', async () => {
    const key = testKey();
    // Nothing is migrated beforehand: the processes also race on creating the schema.
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => run(process.execPath, [child, database.url, key, 'user_42', '25'], { timeout: 60_000 })),
    );
    const ids = new Set(outputs.flatMap(({ stdout }) => JSON.parse(stdout) as string[]));
    expect(ids.size).toBe(1);

    const ob = createOnBehalf({ database: database.url, encryptionKey: key, logger: silentLogger });
    const all = await ob.accounts.list({ identifier: 'user_42' });
    expect(all.items.map((a) => a.id)).toEqual([...ids]);
    expect((await ob.connections.list()).map((c) => c.name)).toEqual(['gmail']);
    await ob.close();
  });
});
