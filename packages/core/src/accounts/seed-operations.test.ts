import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OnBehalfError } from '../errors.ts';
import { defineProvider } from '../providers/index.ts';
import { defineTool } from '../tools/index.ts';
import { accountRows } from '../../test/support/account-rows.ts';
import { testDialects } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * The seed operations through the public API: bulk create and refresh with per-item results,
 * per-account settings (auto refresh, request timeout, retries) and the health and usage figures
 * computed from the audit table, on SQLite and PostgreSQL.
 */
describe.each(testDialects)('bulk operations, settings, health and usage [%s]', (dialect) => {
  let wire: WireServer;
  let t: TestOnBehalf;
  let tokenAnswer: 'tokens' | 'down' = 'tokens';

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /token': () =>
        tokenAnswer === 'down'
          ? { status: 503, body: { error: 'temporarily_unavailable' } }
          : { body: { access_token: `at-${randomBytes(8).toString('hex')}`, refresh_token: `rt-${randomBytes(8).toString('hex')}`, token_type: 'bearer', expires_in: 3600 } },
      'GET /api/ok': () => ({ body: { ok: true } }),
      'GET /api/missing': () => ({ status: 404, body: { error: 'not found' } }),
      'GET /api/busy': () => ({ status: 503, headers: { 'retry-after': '0' }, body: { error: 'busy' } }),
      'GET /api/slow': async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { body: { ok: true } };
      },
    });
    const acme = defineProvider({
      id: 'acme',
      name: 'Acme',
      auth: { type: 'oauth2', authorizationUrl: `${wire.url}/authorize`, tokenUrl: `${wire.url}/token`, tokenEndpointAuthMethod: 'client_secret_post' },
      api: { baseUrl: `${wire.url}/api` },
    });
    const tool = (name: string, path: string) =>
      defineTool({ name, provider: 'acme', description: `GET ${path}`, input: z.object({}), execute: (_input, ctx) => ctx.request(path) });
    t = await createTestOnBehalf(dialect, {
      providers: [acme],
      tools: [tool('acme_ok', '/ok'), tool('acme_missing', '/missing')],
      connections: [{ name: 'acme', provider: 'acme', clientId: 'acme-client', clientSecret: 'acme-secret' }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await wire?.close();
  });

  const ref = (identifier: string) => ({ connection: 'acme', identifier });
  const connect = async (identifier: string) => {
    await consentWithCode(t.ob, { connection: 'acme', identifier, code: `code-${identifier}` });
    return t.ob.accounts.get(ref(identifier));
  };

  it('createMany creates each good item and reports each bad one, in order', async () => {
    const results = await t.ob.accounts.createMany([
      { connection: 'acme', identifier: 'bulk-1' },
      { connection: 'acme', identifier: '' },
      { connection: 'nowhere', identifier: 'bulk-2' },
      { connection: 'acme', identifier: 'bulk-3', identifierType: 'org_id' },
      { connection: 'acme', identifier: 'bulk-1' },
    ]);
    expect(results.map((r) => (r.ok ? r.account.identifier : r.error.code))).toEqual(['bulk-1', 'INVALID_INPUT', 'CONNECTION_NOT_FOUND', 'bulk-3', 'bulk-1']);
    expect(results[1]!.ok === false && results[1]!.error).toBeInstanceOf(OnBehalfError);
    // The same key twice is the same account, as with getOrCreate.
    expect(results[0]!.ok && results[4]!.ok && results[0]!.account.id === results[4]!.account.id).toBe(true);
    expect(results[3]!.ok && results[3]!.account).toMatchObject({ status: 'PENDING', identifierType: 'org_id' });
    await expectOnBehalfError(t.ob.accounts.createMany('nope' as never), 'INVALID_INPUT');
  });

  it('refreshMany refreshes each connected account and reports the ones it cannot', async () => {
    const mia = await connect('refresh-mia');
    const sam = await connect('refresh-sam');
    await t.ob.accounts.getOrCreate(ref('refresh-pending'));
    const refreshes = () => wire.requests('POST /token').filter((r) => r.body.grant_type === 'refresh_token').length;
    const before = refreshes();
    const results = await t.ob.accounts.refreshMany([ref('refresh-mia'), ref('refresh-pending'), ref('refresh-nobody'), { id: sam.id }]);
    expect(results.map((r) => (r.ok ? r.account.id : r.error.code))).toEqual([mia.id, 'AUTHORIZATION_REQUIRED', 'ACCOUNT_NOT_FOUND', sam.id]);
    expect(refreshes() - before).toBe(2);
    const refreshed = results[0]!.ok ? results[0]!.account : undefined;
    expect(refreshed?.lastRefreshedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(results)).not.toMatch(/at-|rt-/);
  });

  it('autoRefresh: false leaves an account out of the proactive refresher, and a read still refreshes it', async () => {
    const on = await connect('auto-on');
    const off = await connect('auto-off');
    expect(off.settings).toEqual({ autoRefresh: true, requestTimeoutMs: null, maxRetries: null });
    expect((await t.ob.accounts.updateSettings(ref('auto-off'), { autoRefresh: false })).settings).toEqual({ autoRefresh: false, requestTimeoutMs: null, maxRetries: null });
    const rows = accountRows(t.database.url);
    try {
      await rows.makeDue(on.id);
      await rows.makeDue(off.id);
      const refresher = t.ob.startRefresher({ intervalSeconds: 3600 });
      try {
        await refresher.runOnce();
      } finally {
        await refresher.stop();
      }
      // makeDue left both tokens a minute to live; a refresh gives an hour.
      const refreshed = async (id: string) => Number((await rows.get(id)).expires_at) > Date.now() + 10 * 60_000;
      expect(await refreshed(on.id)).toBe(true);
      expect(await refreshed(off.id)).toBe(false);
      // Not excluded from reads: a due token is refreshed when it is used.
      await rows.expire(off.id);
      await t.ob.accounts.getAccessToken(ref('auto-off'));
      expect(await refreshed(off.id)).toBe(true);
    } finally {
      await rows.close();
    }
  });

  it('requestTimeoutMs and maxRetries bound that account’s provider calls, and null restores the defaults', async () => {
    await connect('bounded');
    await t.ob.accounts.updateSettings(ref('bounded'), { requestTimeoutMs: 100, maxRetries: 0 });
    const error = await expectOnBehalfError(t.ob.fetch(ref('bounded'), '/slow'), 'PROVIDER_API_ERROR');
    expect(error.message).toContain('100 ms');
    const busy = () => wire.requests('GET /api/busy').length;
    let before = busy();
    expect((await t.ob.fetch(ref('bounded'), '/busy')).status).toBe(503);
    expect(busy() - before).toBe(1);
    await t.ob.accounts.updateSettings(ref('bounded'), { maxRetries: 2 });
    before = busy();
    await t.ob.fetch(ref('bounded'), '/busy');
    expect(busy() - before).toBe(3);
    const reset = await t.ob.accounts.updateSettings(ref('bounded'), { requestTimeoutMs: null, maxRetries: null });
    expect(reset.settings).toEqual({ autoRefresh: true, requestTimeoutMs: null, maxRetries: null });
    expect((await t.ob.fetch(ref('bounded'), '/slow')).status).toBe(200);
    for (const bad of [{ maxRetries: -1 }, { maxRetries: 1.5 }, { requestTimeoutMs: 0 }, { autoRefresh: 'no' }, { retries: 3 }]) {
      await expectOnBehalfError(t.ob.accounts.updateSettings(ref('bounded'), bad as never), 'INVALID_INPUT');
    }
  });

  it('health: status, expiry, the last refresh and its outcome, failures in a row, the API error rate', async () => {
    const account = await connect('healthy');
    expect(await t.ob.accounts.health(ref('healthy'))).toEqual({
      status: 'ACTIVE',
      tokenExpiresAt: account.expiresAt,
      lastRefreshAt: null,
      lastRefreshOutcome: null,
      consecutiveRefreshFailures: 0,
      apiErrorRate: null,
    });
    await t.ob.accounts.refresh(ref('healthy'));
    for (const path of ['/ok', '/ok', '/ok', '/missing']) await t.ob.fetch(ref('healthy'), path);
    const refreshed = await t.ob.accounts.get(ref('healthy'));
    expect(await t.ob.accounts.health(ref('healthy'))).toEqual({
      status: 'ACTIVE',
      tokenExpiresAt: refreshed.expiresAt,
      lastRefreshAt: refreshed.lastRefreshedAt,
      lastRefreshOutcome: 'success',
      consecutiveRefreshFailures: 0,
      apiErrorRate: 0.25,
    });
    tokenAnswer = 'down';
    try {
      await t.ob.accounts.refresh(ref('healthy'));
    } finally {
      tokenAnswer = 'tokens';
    }
    expect(await t.ob.accounts.health(ref('healthy'))).toMatchObject({ status: 'ACTIVE', lastRefreshOutcome: 'failure', consecutiveRefreshFailures: 1 });
  });

  it('usage: tool executions, API requests, error rate and top tools in a time range', async () => {
    const start = new Date();
    await connect('user-of-tools');
    await t.ob.accounts.getOrCreate(ref('someone-else'));
    for (let i = 0; i < 3; i++) await t.ob.tools.execute({ identifier: 'user-of-tools', tool: 'acme_ok', input: {} });
    await t.ob.tools.execute({ identifier: 'user-of-tools', tool: 'acme_missing', input: {} }).catch(() => undefined);
    await t.ob.fetch(ref('user-of-tools'), '/ok');
    const usage = await t.ob.accounts.usage(ref('user-of-tools'), { from: start, to: new Date(Date.now() + 1000) });
    expect(usage).toMatchObject({ toolExecutions: 4, apiRequests: 5, errorRate: 0.25, topTools: [{ tool: 'acme_ok', count: 3 }, { tool: 'acme_missing', count: 1 }] });
    expect(await t.ob.accounts.usage(ref('user-of-tools'), { from: new Date(start.getTime() - 60_000), to: start })).toMatchObject({ toolExecutions: 0, apiRequests: 0, errorRate: 0, topTools: [] });
    expect(await t.ob.accounts.usage(ref('someone-else'))).toMatchObject({ toolExecutions: 0, apiRequests: 0, topTools: [] });
    await expectOnBehalfError(t.ob.accounts.usage(ref('user-of-tools'), { from: new Date(), to: start }), 'INVALID_INPUT');
  });
});
