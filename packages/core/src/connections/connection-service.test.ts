import { afterEach, beforeEach, expect, it } from 'vitest';
import { OnBehalfError } from '../errors.ts';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(OnBehalfError);
  return (error as OnBehalfError).code;
}

describeEachDialect('connections', (dialect) => {
  let t: TestOnBehalf;
  beforeEach(async () => {
    t = await createTestOnBehalf(dialect);
  });
  afterEach(() => t.cleanup());

  it('upserts, reads, lists and deletes connections without exposing the secret', async () => {
    const created = await t.ob.connections.upsert({ name: 'gmail', provider: 'gmail', clientId: 'cid', clientSecret: 'csecret-123', scopes: ['a'] });
    expect(created).toMatchObject({ name: 'gmail', provider: 'gmail', authType: 'oauth2', clientId: 'cid', hasClientSecret: true, scopes: ['a'] });
    expect(created.redirectUri).toBe('http://localhost:3000/onbehalf/callback/gmail');
    expect(JSON.stringify(created)).not.toContain('csecret-123');

    // An update without clientSecret keeps the stored one.
    const updated = await t.ob.connections.upsert({ name: 'gmail', provider: 'gmail', clientId: 'cid2', scopes: ['a', 'b'] });
    expect(updated).toMatchObject({ clientId: 'cid2', hasClientSecret: true, scopes: ['a', 'b'] });
    expect(updated.createdAt.getTime()).toBe(created.createdAt.getTime());

    await t.ob.connections.upsert({ name: 'MY_JIRA', provider: 'jira', auth: 'basic' });
    expect((await t.ob.connections.list()).map((c) => c.name)).toEqual(['MY_JIRA', 'gmail']);
    expect((await t.ob.connections.get('MY_JIRA')).redirectUri).toBeNull();

    await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'u1' });
    expect(await t.ob.connections.delete('gmail')).toEqual({ deletedAccounts: 1 });
    expect(await codeOf(t.ob.connections.get('gmail'))).toBe('CONNECTION_NOT_FOUND');
    expect(await codeOf(t.ob.accounts.get({ connection: 'gmail', identifier: 'u1' }))).toBe('ACCOUNT_NOT_FOUND');
  });

  it('refuses bad connection input with clear codes', async () => {
    expect(await codeOf(t.ob.connections.upsert({ name: 'x', provider: 'nope' }))).toBe('PROVIDER_NOT_FOUND');
    expect(await codeOf(t.ob.connections.upsert({ name: 'bad name/../', provider: 'gmail', clientId: 'c' }))).toBe('CONNECTION_INVALID');
    expect(await codeOf(t.ob.connections.upsert({ name: 'gmail', provider: 'gmail' }))).toBe('CONNECTION_INVALID');
    expect(await codeOf(t.ob.connections.upsert({ name: 'g', provider: 'gmail', clientId: 'c', endpoints: { tokenUrl: 'not a url' } }))).toBe('CONNECTION_INVALID');
    expect(await codeOf(t.ob.connections.delete('missing'))).toBe('CONNECTION_NOT_FOUND');
  });

  it('upserts declarative connections on migrate()', async () => {
    const ob = await t.reopen({ connections: [{ name: 'slack', provider: 'slack', clientId: 'c', clientSecret: 's' }] });
    expect((await ob.connections.get('slack')).hasClientSecret).toBe(true);
    // Running migrate again (another process starting) is harmless.
    await ob.migrate();
    expect(await ob.connections.list()).toHaveLength(1);
  });
});
