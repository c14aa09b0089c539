import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createRecorder } from '../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { createAuditRepository } from './audit-repository.ts';
import { createAuditWriter } from './audit-writer.ts';
import { openDatabase } from './database.ts';

describeEachDialect('audit writer', (dialect) => {
  let t: TestOnBehalf;
  afterEach(() => t?.cleanup());

  it('writes queued rows in batches behind the caller, all of them by flush()', async () => {
    t = await createTestOnBehalf(dialect);
    const store = openDatabase(t.database.url);
    const audit = createAuditRepository(store.db);
    const writer = createAuditWriter(audit, createRecorder().logger);
    for (let i = 0; i < 450; i++) writer.record({ type: 'tool.executed', data: { i } }, 1000 + i);
    await writer.flush();
    const rows = await audit.list({ type: 'tool.executed', limit: 1000 });
    expect(rows.map((r) => JSON.parse(r.data).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 450 }, (_, i) => i));
    expect(rows.map((r) => Number(r.created_at)).sort((a, b) => a - b)[0]).toBe(1000);

    // Without flush, the rows land on their own shortly after.
    writer.record({ type: 'late', data: {} }, 5000);
    for (let i = 0; i < 100 && (await audit.list({ type: 'late' })).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await audit.list({ type: 'late' })).toHaveLength(1);
    await store.destroy();
  });

  it('a failed batch is logged, not thrown at anyone, and later rows still land', async () => {
    t = await createTestOnBehalf(dialect);
    const store = openDatabase(t.database.url);
    const audit = createAuditRepository(store.db);
    const recorder = createRecorder();
    const writer = createAuditWriter(audit, recorder.logger);
    writer.record({ type: 'bad', data: { big: 1n as unknown as number } }, 1); // JSON.stringify throws on a BigInt
    await writer.flush();
    expect(recorder.lines.some((line) => line.startsWith('error onbehalf could not write audit rows'))).toBe(true);
    writer.record({ type: 'good' }, 2);
    await writer.flush();
    expect(await audit.list({ type: 'good' })).toHaveLength(1);
    await store.destroy();
  });

  it('ob.close() flushes the rows tool calls queued', async () => {
    t = await createTestOnBehalf(dialect);
    const ob = await t.reopen({ connections: [{ name: 'github', provider: 'github', clientId: 'app', clientSecret: 'app-secret' }] });
    await ob.migrate();
    await expect(ob.tools.execute({ identifier: 'nobody', tool: 'github_list_repos', input: {} })).rejects.toMatchObject({ code: 'AUTHORIZATION_REQUIRED' });
    await ob.close(); // right away: the row is still queued
    const store = openDatabase(t.database.url);
    const rows = await createAuditRepository(store.db).list({ type: 'tool.executed' });
    await store.destroy();
    expect(rows.map((r) => JSON.parse(r.data))).toEqual([expect.objectContaining({ tool: 'github_list_repos', outcome: 'error', errorCode: 'AUTHORIZATION_REQUIRED' })]);
  });
});
