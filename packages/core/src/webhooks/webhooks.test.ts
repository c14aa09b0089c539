import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OnBehalfError } from '../errors.ts';
import { defineProvider } from '../providers/index.ts';
import { openDatabase } from '../store/index.ts';
import { createOnBehalf } from '../create-on-behalf.ts';
import { silentLogger } from '../logger.ts';
import { testDialects, testKey } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import type { WebhookPayload } from './index.ts';

interface Received {
  id: string;
  payload: WebhookPayload;
  request: WireRequest;
}

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const CLIENT_SECRET = `client-secret-${randomBytes(8).toString('hex')}`;

/**
 * Webhooks end to end: a real local receiver, every delivery verified with the standardwebhooks
 * package, the changes made through the public API (consent through the web handler, a refresh
 * the provider refuses, suspend, delete), on SQLite and PostgreSQL.
 */
describe.each(testDialects)('webhooks [%s]', (dialect) => {
  let wire: WireServer;
  let t: TestOnBehalf;
  const secret = newSecret();
  const deletedOnlySecret = newSecret();
  /** Every token the provider has issued: none may appear in a webhook. */
  const issued: string[] = [];
  let refreshAnswer: 'tokens' | 'invalid_grant' = 'tokens';
  /** Statuses the receiver answers next, then 204. */
  let hookAnswers: number[] = [];
  let hookDelayMs = 0;
  const inbox: Record<string, Received[]> = {};

  const token = (prefix: string) => {
    const value = `${prefix}-${randomBytes(12).toString('hex')}`;
    issued.push(value);
    return value;
  };

  beforeAll(async () => {
    // Verified as it arrives (a Standard Webhooks receiver also refuses timestamps too far from its clock).
    const receive = (path: string, key: string) => async (request: WireRequest) => {
      const payload = new Webhook(key).verify(request.rawBody, request.headers) as WebhookPayload;
      (inbox[path] ??= []).push({ id: request.headers['webhook-id']!, payload, request });
      if (hookDelayMs) await new Promise((resolve) => setTimeout(resolve, hookDelayMs));
      return { status: hookAnswers.shift() ?? 204 };
    };
    wire = await startWireServer({
      'POST /token': ({ body }) => {
        if (body.grant_type === 'refresh_token' && refreshAnswer === 'invalid_grant') return { status: 400, body: { error: 'invalid_grant' } };
        return { body: { access_token: token('at'), refresh_token: token('rt'), token_type: 'bearer', expires_in: 3600, scope: 'read write' } };
      },
      'POST /hooks': receive('/hooks', secret),
      'POST /deleted-hooks': receive('/deleted-hooks', deletedOnlySecret),
    });
    const acme = defineProvider({
      id: 'acme',
      name: 'Acme',
      auth: { type: 'oauth2', authorizationUrl: `${wire.url}/authorize`, tokenUrl: `${wire.url}/token`, tokenEndpointAuthMethod: 'client_secret_post' },
      api: { baseUrl: `${wire.url}/api` },
    });
    t = await createTestOnBehalf(dialect, {
      providers: [acme],
      connections: [{ name: 'acme', provider: 'acme', clientId: 'acme-client', clientSecret: CLIENT_SECRET, scopes: ['read', 'write'] }],
      webhooks: [
        { url: `${wire.url}/hooks`, secret, events: ['account.status_changed', 'account.authorized', 'token.refresh_failed', 'account.deleted'] },
        { url: `${wire.url}/deleted-hooks`, secret: deletedOnlySecret, events: ['account.deleted'] },
      ],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await wire?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
    hookAnswers = [];
    hookDelayMs = 0;
  });

  /** The messages an endpoint has received so far, each verified (signature and timestamp) with its secret on arrival. */
  function received(path: string): Received[] {
    // Message ids are time-ordered: sorted by them, messages read in the order of the changes
    // (deliveries themselves run in parallel, in no particular order).
    return wire.requests(`POST ${path}`).map((request) => {
      const message = inbox[path]?.find((m) => m.request === request);
      if (!message) throw new Error(`a request to ${path} did not verify`);
      return message;
    }).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
  const ofAccount = (path: string, accountId: string) => received(path).filter((m) => m.payload.data.accountId === accountId);

  it('delivers each event once, signed per Standard Webhooks, to the endpoints that subscribe to it, with no secret in it', async () => {
    await consentWithCode(t.ob, { connection: 'acme', identifier: 'mia', code: 'code-1' });
    const account = await t.ob.accounts.get({ connection: 'acme', identifier: 'mia' });
    await t.ob.webhooks.flush();
    expect(ofAccount('/hooks', account.id).map((m) => m.payload)).toEqual([
      { type: 'account.status_changed', timestamp: expect.any(String), data: { accountId: account.id, connection: 'acme', identifier: 'mia', alias: 'default', from: 'PENDING', to: 'ACTIVE', reason: null } },
      { type: 'account.authorized', timestamp: expect.any(String), data: { accountId: account.id, connection: 'acme', identifier: 'mia', alias: 'default', scopes: ['read', 'write'] } },
    ]);

    // The provider refuses the refresh token: the account expires, and both facts are reported.
    refreshAnswer = 'invalid_grant';
    await expectOnBehalfError(t.ob.accounts.refresh({ connection: 'acme', identifier: 'mia' }), 'ACCOUNT_EXPIRED');
    refreshAnswer = 'tokens';
    await t.ob.accounts.delete({ connection: 'acme', identifier: 'mia' });
    await t.ob.webhooks.flush();

    const all = ofAccount('/hooks', account.id);
    expect(all.map((m) => m.payload.type)).toEqual(['account.status_changed', 'account.authorized', 'account.status_changed', 'token.refresh_failed', 'account.deleted']);
    expect(all[2]!.payload.data).toMatchObject({ from: 'ACTIVE', to: 'EXPIRED', reason: 'the provider rejected the refresh token (invalid_grant)' });
    expect(all[3]!.payload.data).toEqual({ accountId: account.id, connection: 'acme', identifier: 'mia', alias: 'default', code: 'ACCOUNT_EXPIRED', retryable: false });
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);

    // The endpoint that asked only for deletions got only that one, under the same message id.
    const deleted = ofAccount('/deleted-hooks', account.id);
    expect(deleted.map((m) => m.payload.type)).toEqual(['account.deleted']);
    expect(deleted[0]!.id).toBe(all[4]!.id);

    // Signed with the endpoint's own secret: another secret does not verify it.
    expect(() => new Webhook(deletedOnlySecret).verify(all[0]!.request.rawBody, all[0]!.request.headers)).toThrow();
    expect(all[0]!.request.headers['webhook-signature']).toMatch(/^v1,/);

    // No token, client secret or signing secret in any header or body sent.
    const everything = wire.seen.filter((r) => r.path.endsWith('hooks')).map((r) => JSON.stringify(r.headers) + r.rawBody).join('\n');
    expect(issued.length).toBeGreaterThanOrEqual(2);
    for (const value of [...issued, CLIENT_SECRET, secret, deletedOnlySecret, secret.slice('whsec_'.length)]) expect(everything).not.toContain(value);
  });

  it('retries a message the receiver refused, with growing backoff, under the same id', async () => {
    await t.ob.accounts.getOrCreate({ connection: 'acme', identifier: 'ben' });
    await consentWithCode(t.ob, { connection: 'acme', identifier: 'ben', code: 'code-2' });
    await t.ob.webhooks.flush();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const start = Date.now();
    const at = (ms: number) => vi.setSystemTime(start + ms);
    hookAnswers = [500, 503];

    const account = await t.ob.accounts.suspend({ connection: 'acme', identifier: 'ben' });
    // Sent right after the commit; flush() waits for that attempt (refused with 500).
    expect(await t.ob.webhooks.flush()).toMatchObject({ delivered: 0 });
    const attempts = () => ofAccount('/hooks', account.id).filter((m) => m.payload.type === 'account.status_changed' && m.payload.data.to === 'SUSPENDED');
    expect(attempts()).toHaveLength(1);

    at(4_000);
    expect(await t.ob.webhooks.flush()).toEqual({ delivered: 0, failed: 0 });
    at(5_100);
    expect(await t.ob.webhooks.flush()).toEqual({ delivered: 0, failed: 1 }); // the 503
    at(5_100 + 60_000);
    expect(await t.ob.webhooks.flush()).toEqual({ delivered: 0, failed: 0 }); // now 5 minutes apart
    at(5_100 + 300_100);
    expect(await t.ob.webhooks.flush()).toEqual({ delivered: 1, failed: 0 });

    const sent = attempts();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.id)).size).toBe(1);
    // Each attempt is signed with its own time (webhook-timestamp, in seconds).
    expect(sent.map((m) => Number(m.request.headers['webhook-timestamp']))).toEqual([0, 5_100, 5_100 + 300_100].map((ms) => Math.floor((start + ms) / 1000)));
    expect(await t.ob.webhooks.flush()).toEqual({ delivered: 0, failed: 0 });

    // Sent messages are kept a week, then deleted by a later pass.
    const store = openDatabase(t.database.url);
    try {
      const kept = () => store.db.selectFrom('onbehalf_webhook_outbox').select('id').where('id', '=', sent[0]!.id).execute();
      expect(await kept()).toHaveLength(1);
      at(8 * 24 * 3600 * 1000);
      await t.ob.webhooks.flush();
      expect(await kept()).toHaveLength(0);
    } finally {
      await store.destroy();
    }
  });

  it('the refresher sweep retries what failed, and two instances on one database send each message once', async () => {
    const other = await t.reopen();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const start = Date.now();
    hookAnswers = Array.from({ length: 40 }, () => 500);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const account = await t.ob.accounts.getOrCreate({ connection: 'acme', identifier: `crowd-${i}` });
      ids.push(account.id);
      await t.ob.accounts.delete({ id: account.id });
    }
    await t.ob.webhooks.flush();
    hookAnswers = [];
    hookDelayMs = 20; // deliveries overlap, so the two instances compete for the same rows
    vi.setSystemTime(start + 6_000);

    const refresher = other.startRefresher({ intervalSeconds: 3600 });
    try {
      // The sweep shares the other instance's pass when it finds one running.
      const [a, b] = await Promise.all([t.ob.webhooks.flush(), other.webhooks.flush(), refresher.runOnce()]);
      expect(a.delivered + b.delivered).toBe(16);
    } finally {
      await refresher.stop();
    }
    for (const path of ['/hooks', '/deleted-hooks']) {
      for (const id of ids) {
        const messages = ofAccount(path, id);
        expect(messages.map((m) => m.payload.type)).toEqual(['account.deleted', 'account.deleted']); // the refused attempt, then the one retry
        expect(new Set(messages.map((m) => m.id)).size).toBe(1);
      }
    }
  });

  it('refuses a webhook configuration it cannot use, without echoing the secret', () => {
    const attempt = (webhooks: unknown): unknown => {
      try {
        createOnBehalf({ database: ':memory:', encryptionKey: testKey(), logger: silentLogger, webhooks: webhooks as never });
        return undefined;
      } catch (error) {
        return error;
      }
    };
    for (const webhooks of [
      [{ url: 'not a url', secret }],
      [{ url: 'ftp://example.com/hooks', secret }],
      [{ url: 'https://example.com/hooks', secret: 'whsec_c2hvcnQ=' }],
      [{ url: 'https://example.com/hooks', secret: secret.slice('whsec_'.length) }],
      [{ url: 'https://example.com/hooks', secret, events: ['token.refreshed'] }],
      [{ url: 'https://example.com/hooks', secret }, { url: 'https://example.com/hooks', secret }],
    ]) {
      const error = attempt(webhooks);
      expect(error).toBeInstanceOf(OnBehalfError);
      expect((error as OnBehalfError).code).toBe('CONFIGURATION_ERROR');
      expect((error as OnBehalfError).message).not.toContain(secret.slice('whsec_'.length, 20));
    }
  });
});
