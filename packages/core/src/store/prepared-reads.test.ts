import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { openDatabase } from './database.ts';

describeEachDialect('hot account reads', (dialect) => {
  let t: TestOnBehalf;
  afterEach(() => t?.cleanup());

  it('keep working when another instance changes the table under their prepared statements (a rolling deploy)', async () => {
    t = await createTestOnBehalf(dialect, { connections: [{ name: 'jira', provider: 'jira', auth: 'basic' }] });
    await t.ob.migrate();
    const ref = { connection: 'jira', identifier: 'alice' };
    const created = await t.ob.accounts.getOrCreate(ref);
    for (let i = 0; i < 20; i++) expect((await t.ob.accounts.get(ref)).id).toBe(created.id); // prepared on every pooled connection
    const other = openDatabase(t.database.url);
    await sql`alter table onbehalf_accounts add column added_by_a_newer_version text`.execute(other.db);
    await other.destroy();
    for (let i = 0; i < 20; i++) {
      expect((await t.ob.accounts.get(ref)).id).toBe(created.id);
      expect((await t.ob.accounts.get({ id: created.id })).identifier).toBe('alice');
    }
  });
});
