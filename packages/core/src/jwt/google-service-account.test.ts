import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createMockApis, createSandbox, type Sandbox } from '@onbehalf/sandbox';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import type { Logger } from '../logger.ts';
import { JWT_BEARER_GRANT } from './index.ts';

/**
 * Google service accounts with domain-wide delegation through the public API: the account holds
 * the JSON key and the Workspace user to act as; the sandbox's token endpoint verifies each
 * RFC 7523 assertion against the registered public key, and its Gmail mock takes the token.
 */
const READ = 'https://www.googleapis.com/auth/gmail.readonly';
const CLIENT_EMAIL = 'robot@project.iam.gserviceaccount.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
/** A distinctive piece of the key, to look for wherever it must not be. */
const KEY_PART = PRIVATE_PEM.split('\n')[5]!;
const serviceAccountKey = (pem = PRIVATE_PEM) => JSON.stringify({
  type: 'service_account', project_id: 'project', private_key_id: randomUUID(), private_key: pem, client_email: CLIENT_EMAIL,
  client_id: '1234567890', token_uri: 'https://oauth2.googleapis.com/token',
});
const ref = { connection: 'gmail', identifier: 'user_1' };

describeEachDialect('Google service accounts (jwt auth, domain-wide delegation)', (dialect) => {
  let sandbox: Sandbox;
  let t: TestOnBehalf;
  const logs: string[] = [];
  const logger: Logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((level) => [level, (message: string, meta?: unknown) => logs.push(`${message} ${JSON.stringify(meta ?? {})}`)])) as unknown as Logger;

  beforeEach(async () => {
    logs.length = 0;
    sandbox = await createSandbox();
    sandbox.addServiceAccount({ issuer: CLIENT_EMAIL, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string, subjects: ['alice@example.com'] });
    const mocks = createMockApis({ verifyAccessToken: (token) => sandbox.verifyAccessToken(token) });
    sandbox.use('/gmail', (req, res) => mocks.handler(req, res));
    t = await createTestOnBehalf(dialect, {
      logger,
      connections: [{ name: 'gmail', provider: 'gmail', auth: 'jwt', scopes: [READ], endpoints: { tokenUrl: `${sandbox.issuer}/token`, apiBaseUrl: sandbox.url } }],
    });
    await t.ob.migrate();
  });
  afterEach(async () => {
    await t.cleanup();
    await sandbox.close();
  });

  const mints = () => sandbox.countTokenRequests({ grantType: JWT_BEARER_GRANT, ok: true });

  it('mints a token for the impersonated user once, caches it, and the Gmail tools work without consent', async () => {
    const account = await t.ob.accounts.setCredentials({ ...ref, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'alice@example.com' } });
    expect(account).toMatchObject({ status: 'ACTIVE', authType: 'jwt' });
    expect(mints()).toBe(0); // nothing is sent before the first use

    const token = await t.ob.accounts.getAccessToken(ref);
    expect(await sandbox.verifyAccessToken(token.accessToken)).toMatchObject({ sub: 'alice@example.com', clientId: CLIENT_EMAIL, scopes: [READ] });
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(await t.ob.accounts.getAccessToken(ref)).toEqual(token);
    expect(mints()).toBe(1);

    const { data } = await t.ob.tools.execute({ identifier: 'user_1', tool: 'gmail_fetch_mails', input: { maxResults: 2 } });
    // The seeded mailbox of the impersonated user, reached with the minted token.
    expect(data).toHaveLength(2);
    expect(sandbox.tokenRequests.filter((r) => r.grantType === 'authorization_code')).toEqual([]);
    expect(mints()).toBe(1);
  });

  it('getCredentials hands out the minted token and the subject, never the key; nothing logged or stored carries the key', async () => {
    const events: unknown[] = [];
    for (const name of ['account.authorized', 'token.refreshed', 'account.status_changed'] as const) t.ob.on(name, (payload) => { events.push(payload); });
    await t.ob.accounts.setCredentials({ ...ref, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'alice@example.com' } });
    const credentials = await t.ob.accounts.getCredentials(ref);
    expect(credentials).toMatchObject({ type: 'jwt', tokenType: 'Bearer', fields: { subject: 'alice@example.com' }, scopes: [READ] });
    expect(credentials.type === 'jwt' && (await sandbox.verifyAccessToken(credentials.accessToken))).toBeTruthy();
    const everything = JSON.stringify([credentials, events, logs, await t.ob.accounts.get(ref)]);
    expect(everything).not.toContain(KEY_PART);
    expect(everything).not.toContain('serviceAccountKey');
    if (t.database.file) expect(readFileSync(t.database.file).includes(Buffer.from(KEY_PART))).toBe(false);
  });

  it('a due token is re-minted once across two instances', async () => {
    sandbox.setTokenPolicy({ accessTokenTtl: 2 });
    await t.ob.accounts.setCredentials({ ...ref, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'alice@example.com' } });
    const first = await t.ob.accounts.getAccessToken(ref);
    const other = await t.reopen();
    await new Promise((resolve) => setTimeout(resolve, first.expiresAt!.getTime() - Date.now() + 50));

    const reads = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : t.ob).accounts.getAccessToken(ref)));
    const tokens = new Set(reads.map((r) => r.accessToken));
    expect(tokens.size).toBe(1);
    expect(tokens.has(first.accessToken)).toBe(false);
    expect(mints()).toBe(2);
  });

  it('the proactive refresher re-mints a token ahead of its expiry, on two instances at once without a second mint', async () => {
    sandbox.setTokenPolicy({ accessTokenTtl: 4 });
    await t.ob.accounts.setCredentials({ ...ref, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'alice@example.com' } });
    const first = await t.ob.accounts.getAccessToken(ref);
    const other = await t.reopen();
    // Due once past half its lifetime (2 s), still valid for 2 s more: the refreshers' work.
    await new Promise((resolve) => setTimeout(resolve, first.expiresAt!.getTime() - 2000 - Date.now() + 100));
    const refreshers = [t.ob.startRefresher({ intervalSeconds: 3600, aheadSeconds: 60 }), other.startRefresher({ intervalSeconds: 3600, aheadSeconds: 60 })];
    try {
      await Promise.all(refreshers.map((r) => r.runOnce()));
    } finally {
      await Promise.all(refreshers.map((r) => r.stop()));
    }
    expect(mints()).toBe(2);
    expect((await t.ob.accounts.getAccessToken(ref)).accessToken).not.toBe(first.accessToken);
  });

  it('refuses a bad key at setCredentials with a typed error that does not quote it', async () => {
    const truncated = PRIVATE_PEM.slice(0, 400);
    for (const credentials of [
      { serviceAccountKey: 'not json', subject: 'alice@example.com' },
      { serviceAccountKey: JSON.stringify({ type: 'authorized_user', client_id: 'x' }), subject: 'alice@example.com' },
      { serviceAccountKey: serviceAccountKey(truncated), subject: 'alice@example.com' },
      { serviceAccountKey: serviceAccountKey(), subject: 'not an email' },
    ]) {
      const error = await t.ob.accounts.setCredentials({ ...ref, credentials }).then(() => undefined, (e: unknown) => e as { code: string; message: string });
      expect(error?.code).toBe('INVALID_CREDENTIALS');
      expect(JSON.stringify(error)).not.toContain(KEY_PART);
      expect(error!.message).not.toContain(truncated.slice(40, 80));
    }
    await expect(t.ob.accounts.get(ref)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('a user the delegation does not cover puts the account in ERROR with Google\'s reason; an outage keeps it ACTIVE', async () => {
    await t.ob.accounts.setCredentials({ ...ref, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'alice@example.com' } });
    sandbox.failNextTokenRequests(1, 503);
    await expect(t.ob.accounts.getAccessToken(ref)).rejects.toMatchObject({ code: 'REFRESH_FAILED', retryable: true });
    expect(await t.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });

    const bob = { connection: 'gmail', identifier: 'user_2' };
    await t.ob.accounts.setCredentials({ ...bob, credentials: { serviceAccountKey: serviceAccountKey(), subject: 'bob@example.com' } });
    await expect(t.ob.accounts.getAccessToken(bob)).rejects.toMatchObject({ code: 'ACCOUNT_ERROR' });
    const account = await t.ob.accounts.get(bob);
    expect(account.status).toBe('ERROR');
    expect(account.statusReason).toContain('unauthorized_client');
    expect(JSON.stringify([account, logs])).not.toContain(KEY_PART);
  });
});
