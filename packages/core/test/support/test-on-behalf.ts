import { silentLogger } from '../../src/logger.ts';
import { createOnBehalf, type OnBehalf, type OnBehalfOptions } from '../../src/create-on-behalf.ts';
import { createTestDatabase, testKey, type TestDatabase, type TestDialect } from './databases.ts';

export interface TestOnBehalf {
  ob: OnBehalf;
  database: TestDatabase;
  key: string;
  /** Another instance on the same database (as a second process would be). */
  reopen(options?: Partial<OnBehalfOptions>): Promise<OnBehalf>;
  cleanup(): Promise<void>;
}

/** A migrated onbehalf on a fresh database of `dialect`, with a random key. */
export async function createTestOnBehalf(dialect: TestDialect, options: Partial<OnBehalfOptions> = {}): Promise<TestOnBehalf> {
  const database = await createTestDatabase(dialect);
  const key = testKey();
  const opened: OnBehalf[] = [];
  const open = async (extra: Partial<OnBehalfOptions> = {}) => {
    const ob = createOnBehalf({ database: database.url, encryptionKey: key, baseUrl: 'http://localhost:3000/onbehalf', logger: silentLogger, ...options, ...extra });
    opened.push(ob);
    await ob.migrate();
    return ob;
  };
  const ob = await open();
  return {
    ob,
    database,
    key,
    reopen: open,
    async cleanup() {
      for (const instance of opened) await instance.close();
      await database.cleanup();
    },
  };
}
