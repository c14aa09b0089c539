import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, testKey } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

const SECRETS = {
  clientSecret: 'CLIENT-SECRET-7f3a9c',
  apiKey: 'lin_api_KEY-55e1d0b2',
  password: 'ATLASSIAN-TOKEN-c0ffee',
  token: 'VERCEL-TOKEN-bada55',
};

describeEachDialect('secrets at rest', (dialect) => {
  let t: TestOnBehalf;
  beforeEach(async () => {
    t = await createTestOnBehalf(dialect, {
      connections: [
        { name: 'gmail', provider: 'gmail', clientId: 'cid', clientSecret: SECRETS.clientSecret },
        { name: 'linear', provider: 'linear', auth: 'api_key' },
        { name: 'jira', provider: 'jira', auth: 'basic' },
        { name: 'vercel', provider: 'vercel', auth: 'bearer' },
      ],
    });
    await t.ob.migrate();
    for (let i = 0; i < 5; i++) {
      await t.ob.accounts.setCredentials({ connection: 'linear', identifier: `u${i}`, credentials: { apiKey: `${SECRETS.apiKey}-${i}` } });
    }
    await t.ob.accounts.setCredentials({ connection: 'jira', identifier: 'u0', credentials: { subdomain: 'acme', username: 'a@b.c', password: SECRETS.password } });
    await t.ob.accounts.setCredentials({ connection: 'vercel', identifier: 'u0', credentials: { token: SECRETS.token } });
  });
  afterEach(() => t.cleanup());

  it.runIf(dialect === 'sqlite')('the SQLite files hold no plaintext secret', async () => {
    await t.ob.close(); // checkpoint the WAL into the main file, then scan every file SQLite wrote
    const files = [t.database.file!, `${t.database.file}-wal`, `${t.database.file}-shm`].filter(existsSync);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes('lin_api_KEY')).toBe(false);
    for (const secret of Object.values(SECRETS)) expect(bytes.includes(secret), secret).toBe(false);
    // …while non-secret data is plainly there, so the scan would have seen a plaintext secret.
    expect(bytes.includes('onbehalf_accounts')).toBe(true);
  });

  it('key rotation moves every row to the new key and keeps all of them readable', async () => {
    const newKey = testKey();
    // No declarative connections here: migrate() would re-seal them itself.
    const ring = await t.reopen({ connections: [], encryptionKey: undefined, encryptionKeys: { default: t.key, k2: newKey }, currentKeyId: 'k2' });
    const result = await ring.vault.rotate({ batchSize: 2 });
    expect(result).toMatchObject({ accounts: 7, connections: 1, failed: [], currentKeyId: 'k2' });
    expect(await ring.vault.rotate()).toMatchObject({ accounts: 0, connections: 0 });

    // Only the new key is needed from now on.
    const onlyNew = await t.reopen({ encryptionKey: newKey });
    const renamed = await t.reopen({ encryptionKey: undefined, encryptionKeys: { k2: newKey } });
    for (let i = 0; i < 5; i++) {
      expect(await renamed.accounts.getCredentials({ connection: 'linear', identifier: `u${i}` })).toMatchObject({ apiKey: `${SECRETS.apiKey}-${i}` });
    }
    expect(await renamed.accounts.getCredentials({ connection: 'jira', identifier: 'u0' })).toMatchObject({ password: SECRETS.password });
    // Under id 'default' the new key cannot open rows sealed under id 'k2': a wrong key id fails cleanly.
    await expectOnBehalfError(onlyNew.accounts.getCredentials({ connection: 'vercel', identifier: 'u0' }), 'DECRYPTION_FAILED');
  });

  it('a wrong key or a tampered row gives DECRYPTION_FAILED, never plaintext or garbage', async () => {
    const wrong = await t.reopen({ encryptionKey: testKey() });
    await expectOnBehalfError(wrong.accounts.getCredentials({ connection: 'linear', identifier: 'u0' }), 'DECRYPTION_FAILED');

    const { openDatabase } = await import('../store/index.ts');
    const store = openDatabase(t.database.url);
    const [a, b] = await store.db.selectFrom('onbehalf_accounts').select(['id', 'credentials']).where('connection_name', '=', 'linear').orderBy('id').limit(2).execute();
    // Swap a's ciphertext into b's row: the associated data (row id) no longer matches.
    await store.db.updateTable('onbehalf_accounts').set({ credentials: a!.credentials }).where('id', '=', b!.id).execute();
    await store.destroy();
    const error = await expectOnBehalfError(t.ob.accounts.getCredentials({ id: b!.id }), 'DECRYPTION_FAILED');
    expect(error.message).not.toContain(SECRETS.apiKey);
    // The untouched row still works; rotation reports the broken one and leaves it alone.
    expect(await t.ob.accounts.getCredentials({ id: a!.id })).toMatchObject({ type: 'api_key' });
    const ring = await t.reopen({ encryptionKey: undefined, encryptionKeys: { default: t.key, k2: testKey() }, currentKeyId: 'k2' });
    const result = await ring.vault.rotate();
    expect(result.failed).toEqual([{ table: 'accounts', rowId: b!.id }]);
    expect(result.accounts).toBe(6);
  });
});
