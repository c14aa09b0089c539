import { afterEach, beforeEach, expect, it } from 'vitest';
import { AuthorizationRequiredError } from '../errors.ts';
import type { OnBehalfEvents } from '../events.ts';
import { describeEachDialect } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

describeEachDialect('accounts', (dialect) => {
  let t: TestOnBehalf;
  beforeEach(async () => {
    t = await createTestOnBehalf(dialect, {
      connections: [
        { name: 'gmail', provider: 'gmail', clientId: 'cid', clientSecret: 'cs' },
        { name: 'jira', provider: 'jira', auth: 'basic' },
        { name: 'linear', provider: 'linear', auth: 'api_key' },
        { name: 'vercel', provider: 'vercel', auth: 'bearer' },
      ],
    });
    await t.ob.migrate();
  });
  afterEach(() => t.cleanup());

  it('getOrCreate is idempotent and starts PENDING', async () => {
    const a = await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'user_1', metadata: { plan: 'pro' } });
    expect(a).toMatchObject({ connection: 'gmail', provider: 'gmail', authType: 'oauth2', identifier: 'user_1', identifierType: 'user_id', status: 'PENDING', statusReason: null, scopes: [], expiresAt: null, metadata: { plan: 'pro' } });
    const b = await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'user_1' });
    expect(b.id).toBe(a.id);
    expect(await t.ob.accounts.get({ id: a.id })).toMatchObject({ id: a.id });
    expect(await t.ob.accounts.get({ connection: 'gmail', identifier: 'user_1' })).toMatchObject({ id: a.id });
    const org = await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'org_9', identifierType: 'org_id' });
    expect(org.identifierType).toBe('org_id');
  });

  it('refuses bad input and unknown references with typed errors', async () => {
    await expectOnBehalfError(t.ob.accounts.getOrCreate({ connection: 'nope', identifier: 'u' }), 'CONNECTION_NOT_FOUND');
    await expectOnBehalfError(t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: '' }), 'INVALID_INPUT');
    await expectOnBehalfError(t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'u', identifierType: 'team' as never }), 'INVALID_INPUT');
    await expectOnBehalfError(t.ob.accounts.get({ connection: 'gmail', identifier: 'ghost' }), 'ACCOUNT_NOT_FOUND');
    await expectOnBehalfError(t.ob.accounts.get({ id: 'acc_missing' }), 'ACCOUNT_NOT_FOUND');
    await expectOnBehalfError(t.ob.accounts.list({ cursor: 'garbage!' }), 'INVALID_INPUT');
    await expectOnBehalfError(t.ob.accounts.list({ status: 'GONE' as never }), 'INVALID_INPUT');
    await expectOnBehalfError(t.ob.accounts.list({ limit: 0 }), 'INVALID_INPUT');
  });

  it('lists with filters and cursor pagination', async () => {
    for (let i = 0; i < 7; i++) await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: `u${i}` });
    await t.ob.accounts.getOrCreate({ connection: 'linear', identifier: 'u1' });
    await t.ob.accounts.setCredentials({ connection: 'linear', identifier: 'u2', credentials: { apiKey: 'lin_api_x' } });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await t.ob.accounts.list({ connection: 'gmail', limit: 3, cursor });
      seen.push(...page.items.map((a) => a.identifier));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);

    expect((await t.ob.accounts.list({ identifier: 'u1' })).items.map((a) => a.connection).sort()).toEqual(['gmail', 'linear']);
    expect((await t.ob.accounts.list({ status: 'ACTIVE' })).items.map((a) => a.identifier)).toEqual(['u2']);
    expect((await t.ob.accounts.list({ status: ['ACTIVE', 'PENDING'], connection: 'linear' })).items).toHaveLength(2);
  });

  it('merges metadata, removing keys set to null', async () => {
    const a = await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'u', metadata: { a: 1, b: 2 } });
    const updated = await t.ob.accounts.updateMetadata({ id: a.id }, { b: null, c: { nested: true } });
    expect(updated.metadata).toEqual({ a: 1, c: { nested: true } });
    await expectOnBehalfError(t.ob.accounts.updateMetadata({ id: a.id }, [] as never), 'INVALID_INPUT');
  });

  it('stores API-key, basic and bearer credentials encrypted and activates the account', async () => {
    const linear = await t.ob.accounts.setCredentials({ connection: 'linear', identifier: 'u', credentials: { apiKey: ' lin_api_123 ' } });
    expect(linear).toMatchObject({ status: 'ACTIVE', authType: 'api_key' });
    expect(await t.ob.accounts.getCredentials({ connection: 'linear', identifier: 'u' })).toEqual({ type: 'api_key', apiKey: 'lin_api_123', fields: { apiKey: 'lin_api_123' } });

    await t.ob.accounts.setCredentials({ connection: 'jira', identifier: 'u', credentials: { subdomain: 'acme', username: 'me@acme.test', password: 'atl-token' } });
    expect(await t.ob.accounts.getCredentials({ connection: 'jira', identifier: 'u' })).toMatchObject({ type: 'basic', username: 'me@acme.test', password: 'atl-token', fields: { subdomain: 'acme' } });

    await t.ob.accounts.setCredentials({ connection: 'vercel', identifier: 'u', credentials: { token: 'vc-token' } });
    expect(await t.ob.accounts.getCredentials({ connection: 'vercel', identifier: 'u' })).toMatchObject({ type: 'bearer', token: 'vc-token' });
  });

  it('rejects invalid credentials without echoing them', async () => {
    const error = await expectOnBehalfError(
      t.ob.accounts.setCredentials({ connection: 'jira', identifier: 'u', credentials: { subdomain: 'bad domain!', username: 'x', password: 'p4ssw0rd-secret', extra: 'zzz-secret' } }),
      'INVALID_CREDENTIALS',
    );
    expect(error.message).toContain('subdomain');
    expect(error.message).toContain('extra');
    expect(JSON.stringify(error)).not.toContain('p4ssw0rd-secret');
    expect(JSON.stringify(error)).not.toContain('zzz-secret');
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'linear', identifier: 'u', credentials: {} }), 'INVALID_CREDENTIALS');
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'gmail', identifier: 'u', credentials: { apiKey: 'k' } }), 'INVALID_CREDENTIALS');
    // Nothing was stored for the refused attempts.
    expect((await t.ob.accounts.list({ status: 'ACTIVE' })).items).toHaveLength(0);
  });

  it('hands out credentials only for ACTIVE accounts', async () => {
    await t.ob.accounts.getOrCreate({ connection: 'gmail', identifier: 'p' });
    const pending = await expectOnBehalfError(t.ob.accounts.getCredentials({ connection: 'gmail', identifier: 'p' }), 'AUTHORIZATION_REQUIRED');
    expect(pending).toBeInstanceOf(AuthorizationRequiredError);

    await t.ob.accounts.setCredentials({ connection: 'linear', identifier: 's', credentials: { apiKey: 'k' } });
    const suspended = await t.ob.accounts.suspend({ connection: 'linear', identifier: 's' }, { reason: 'billing' });
    expect(suspended).toMatchObject({ status: 'SUSPENDED', statusReason: 'billing' });
    await expectOnBehalfError(t.ob.accounts.getCredentials({ connection: 'linear', identifier: 's' }), 'ACCOUNT_SUSPENDED');
    await expectOnBehalfError(t.ob.accounts.setCredentials({ connection: 'linear', identifier: 's', credentials: { apiKey: 'k2' } }), 'ACCOUNT_SUSPENDED');
    // Suspending twice is harmless; resume returns to the status it had.
    await t.ob.accounts.suspend({ connection: 'linear', identifier: 's' });
    const resumed = await t.ob.accounts.resume({ connection: 'linear', identifier: 's' });
    expect(resumed).toMatchObject({ status: 'ACTIVE', statusReason: null });
    expect(await t.ob.accounts.getCredentials({ connection: 'linear', identifier: 's' })).toMatchObject({ apiKey: 'k' });

    const p = await t.ob.accounts.suspend({ connection: 'gmail', identifier: 'p' });
    expect(p.status).toBe('SUSPENDED');
    expect((await t.ob.accounts.resume({ id: p.id })).status).toBe('PENDING');
  });

  it('emits events and writes audit rows without secrets', async () => {
    const events: Array<[string, unknown]> = [];
    for (const name of ['account.created', 'account.status_changed', 'account.authorized', 'account.deleted'] as const) {
      t.ob.on(name, (payload: OnBehalfEvents[typeof name]) => void events.push([name, payload]));
    }
    const off = t.ob.on('account.created', () => {
      throw new Error('a broken listener must not break the operation');
    });
    await t.ob.accounts.setCredentials({ connection: 'linear', identifier: 'u', credentials: { apiKey: 'lin_api_SECRET' } });
    off();
    await t.ob.accounts.suspend({ connection: 'linear', identifier: 'u' });
    await t.ob.accounts.delete({ connection: 'linear', identifier: 'u' });
    expect(events.map(([name]) => name)).toEqual(['account.created', 'account.status_changed', 'account.authorized', 'account.status_changed', 'account.deleted']);
    expect(events[1]![1]).toMatchObject({ from: 'PENDING', to: 'ACTIVE', connection: 'linear', identifier: 'u' });
    expect(JSON.stringify(events)).not.toContain('SECRET');
    await expectOnBehalfError(t.ob.accounts.get({ connection: 'linear', identifier: 'u' }), 'ACCOUNT_NOT_FOUND');

    const { createAuditRepository, openDatabase } = await import('../store/index.ts');
    const store = openDatabase(t.database.url);
    const audit = await createAuditRepository(store.db).list();
    await store.destroy();
    expect(audit.map((row) => row.type)).toEqual(['account.created', 'account.status_changed', 'account.authorized', 'account.status_changed', 'account.deleted']);
    expect(JSON.stringify(audit)).not.toContain('SECRET');
  });
});
