import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, testKey } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import type { RotateKeysProgress } from './rotate-keys.ts';

// What `onbehalf vault rotate` and `onbehalf doctor` build on: a rotation that reports its
// progress and can stop after a number of rows (the next run picks up the rest), and a check that
// the key ring opens what is stored.
describeEachDialect('vault rotate (limit, progress) and verify', (dialect) => {
  let t: TestOnBehalf;
  beforeEach(async () => {
    t = await createTestOnBehalf(dialect, {
      connections: [
        { name: 'gmail', provider: 'gmail', clientId: 'cid', clientSecret: 'client-secret-1' },
        { name: 'linear', provider: 'linear', auth: 'api_key' },
      ],
    });
    for (let i = 0; i < 5; i++) await t.ob.accounts.setCredentials({ connection: 'linear', identifier: `u${i}`, credentials: { apiKey: `lin_api_${i}` } });
  });
  afterEach(() => t.cleanup());

  it('stops after `limit` account rows, reports progress against the rows left, and the next run finishes', async () => {
    const ring = await t.reopen({ connections: [], encryptionKey: undefined, encryptionKeys: { default: t.key, k2: testKey() }, currentKeyId: 'k2' });
    const seen: RotateKeysProgress[] = [];
    const first = await ring.vault.rotate({ limit: 2, batchSize: 1, onProgress: (p) => seen.push(p) });
    expect(first).toMatchObject({ accounts: 2, connections: 1, failed: [], remaining: 3 });
    expect(seen).toEqual([
      { total: 6, done: 0, failed: 0 },
      { total: 6, done: 2, failed: 0 },
      { total: 6, done: 3, failed: 0 },
    ]);

    const rest = await ring.vault.rotate({ onProgress: (p) => seen.push(p) });
    expect(rest).toMatchObject({ accounts: 3, connections: 0, remaining: 0 });
    expect(seen.at(-1)).toEqual({ total: 3, done: 3, failed: 0 });
    expect(await ring.vault.rotate({ limit: 0 })).toMatchObject({ accounts: 0, connections: 0, remaining: 0 });
    for (let i = 0; i < 5; i++) expect(await ring.accounts.getCredentials({ connection: 'linear', identifier: `u${i}` })).toMatchObject({ apiKey: `lin_api_${i}` });

    await expectOnBehalfError(ring.vault.rotate({ batchSize: 0 }), 'INVALID_INPUT');
    await expectOnBehalfError(ring.vault.rotate({ limit: 1.5 }), 'INVALID_INPUT');
  });

  it('verify opens the client secrets and account credentials with the ring, and names by id what another key sealed', async () => {
    expect(await t.ob.vault.verify()).toEqual({ opened: 6, failed: [], currentKeyId: 'default' });
    expect(await t.ob.vault.verify({ sample: 2 })).toMatchObject({ opened: 3 });

    const foreign = await t.reopen({ connections: [], encryptionKey: testKey() });
    const result = await foreign.vault.verify();
    expect(result.opened).toBe(0);
    expect(result.failed).toHaveLength(6);
    expect(result.failed).toContainEqual({ table: 'connections', rowId: 'gmail', keyId: 'default' });
    expect(result.failed.filter((f) => f.table === 'accounts').every((f) => f.keyId === 'default')).toBe(true);
    // Ids and key ids only: nothing that was sealed.
    expect(JSON.stringify(result)).not.toMatch(/lin_api_|client-secret-1/);
  });
});
