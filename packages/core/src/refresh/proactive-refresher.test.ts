import { AsyncLocalStorage } from 'node:async_hooks';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { OnBehalf } from '../create-on-behalf.ts';
import { describeEachDialect, type TestDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

/**
 * Makes the stored tokens look `seconds` older than they are, as the database would see them
 * after that much time: issue and expiry times move back together, so a 60-second token aged by
 * 40 s has 20 s left and is due (it is past half its lifetime). The tokens at the sandbox are
 * untouched and still valid, so a refresh of them is a real one.
 */
async function ageTokens(dialect: TestDialect, bed: OAuthTestbed, seconds: number): Promise<void> {
  const shift = seconds * 1000;
  const statement = `update onbehalf_accounts set expires_at = expires_at - ${shift}, authorized_at = authorized_at - ${shift},
    last_refreshed_at = case when last_refreshed_at is null then null else last_refreshed_at - ${shift} end where expires_at is not null`;
  if (dialect === 'sqlite') {
    const db = new DatabaseSync(bed.database.file!);
    db.exec('PRAGMA busy_timeout = 10000');
    db.exec(statement);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: bed.database.url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

/** Connects `users` through consent at the sandbox, a few at a time. */
async function connectAll(bed: OAuthTestbed, users: string[], parallel = 10): Promise<void> {
  const queue = [...users];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let user = queue.shift(); user !== undefined; user = queue.shift()) {
        const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: user });
        const { callback } = await bed.connect(link, { user });
        if (callback.status !== 200) throw new Error(`callback for ${user} answered ${callback.status}`);
      }
    }),
  );
}

/**
 * Counts token requests in flight, per refresher instance, as the library sends them: every
 * instance runs in this process, so its sweep runs inside an async context naming it, and the
 * token endpoint fetch (made deep inside openid-client) sees that name. A request counts from the
 * moment it is sent until its answer arrives, an interval that contains the time the
 * authorization server spends on it: what is seen here bounds what the server sees.
 */
function watchTokenRequests(tokenEndpoint: string) {
  const instance = new AsyncLocalStorage<string>();
  const current = new Map<string, number>();
  const max = new Map<string, number>();
  let total = 0;
  let maxTotal = 0;
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== tokenEndpoint) return original(input, init);
    const name = instance.getStore() ?? 'unknown';
    current.set(name, (current.get(name) ?? 0) + 1);
    max.set(name, Math.max(max.get(name) ?? 0, current.get(name)!));
    maxTotal = Math.max(maxTotal, ++total);
    try {
      return await original(input, init);
    } finally {
      current.set(name, current.get(name)! - 1);
      total--;
    }
  };
  return {
    as: <T>(name: string, fn: () => Promise<T>) => instance.run(name, fn),
    maxOf: (name: string) => max.get(name) ?? 0,
    get maxTotal() {
      return maxTotal;
    },
    restore: () => void (globalThis.fetch = original),
  };
}

/** The pauses the refresher announced, in order (from the warnings it logs). */
const pausesLogged = (bed: OAuthTestbed): number[] =>
  bed.recorder.lines.filter((line) => line.includes('pausing this connection')).map((line) => (JSON.parse(line.slice(line.indexOf('{'))) as { pauseMs: number }).pauseMs);

async function expectAllRefreshedAndUsable(bed: OAuthTestbed, ob: OnBehalf, users: string[]): Promise<void> {
  for (const user of users) {
    const account = await ob.accounts.get({ connection: 'demo', identifier: user });
    expect(account).toMatchObject({ status: 'ACTIVE' });
    expect(account.lastRefreshedAt).not.toBeNull();
    const token = await ob.accounts.getAccessToken({ connection: 'demo', identifier: user });
    expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true, sub: user });
  }
}

describeEachDialect('proactive refresher', (dialect) => {
  let bed: OAuthTestbed;
  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect, { accessTokenTtl: 60 });
  });
  afterEach(() => bed.close());

  it('refreshes accounts nearing expiry once, even with two instances sweeping at the same time', async () => {
    const users = ['u1', 'u2', 'u3'];
    await connectAll(bed, users);
    await ageTokens(dialect, bed, 40);
    const other = await bed.reopen();
    const a = bed.ob.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    const b = other.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.refreshed + rb.refreshed).toBe(3);
    expect(ra.failed + rb.failed).toBe(0);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(3);
    // Nothing is left expiring within the window until the new tokens age: a second sweep is a no-op
    // when it looks less far ahead than the new lifetime.
    const c = bed.ob.startRefresher({ aheadSeconds: 30, intervalSeconds: 3600 });
    expect(await c.runOnce()).toMatchObject({ refreshed: 0, failed: 0 });
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(3);
    await expectAllRefreshedAndUsable(bed, bed.ob, users);
    await Promise.all([a.stop(), b.stop(), c.stop()]);
  });

  it('three instances sweeping 100 due accounts at once refresh each exactly once, within their concurrency limits', async () => {
    const users = Array.from({ length: 100 }, (_, i) => `user${i}`);
    await connectAll(bed, users);
    await ageTokens(dialect, bed, 40);
    const [second, third] = [await bed.reopen(), await bed.reopen()];
    const discovery = (await (await fetch(`${bed.sandbox.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
    const watch = watchTokenRequests(discovery.token_endpoint);
    // Three configurations, so both limits are exercised: at most 2, 3 and 4 requests in flight.
    const limits = { a: 2, b: 3, c: 4 };
    const refreshers = {
      a: bed.ob.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600, concurrency: 2 }),
      b: second.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600, concurrency: 8, perConnectionConcurrency: 3 }),
      c: third.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 }), // defaults: 8 in all, 4 per connection
    };
    try {
      const results = await Promise.all(Object.entries(refreshers).map(([name, refresher]) => watch.as(name, () => refresher.runOnce())));
      expect(results.reduce((sum, r) => sum + r.refreshed, 0)).toBe(100);
      expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    } finally {
      watch.restore();
    }
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(100);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: false })).toBe(0);
    expect(watch.maxOf('unknown')).toBe(0);
    for (const [name, limit] of Object.entries(limits)) expect(watch.maxOf(name)).toBeLessThanOrEqual(limit);
    expect(watch.maxTotal).toBeLessThanOrEqual(9);
    expect(watch.maxTotal).toBeGreaterThan(1); // the requests did overlap

    // The rows are claimable again (they expire within 120 s), yet no instance refreshes a token
    // it has just refreshed.
    await Promise.all(Object.values(refreshers).map((r) => r.runOnce()));
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(100);
    await expectAllRefreshedAndUsable(bed, third, users);
    await Promise.all(Object.values(refreshers).map((r) => r.stop()));
  });

  it('pauses a connection whose token endpoint answers 503 or 429, longer each time, and hands its claimed accounts back', async () => {
    const users = Array.from({ length: 6 }, (_, i) => `user${i}`);
    await connectAll(bed, users);
    await ageTokens(dialect, bed, 40);
    const other = await bed.reopen();
    // One request at a time, so exactly one meets the outage and the rest are claimed but waiting.
    const a = bed.ob.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600, perConnectionConcurrency: 1 });
    const b = other.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    const requests = () => bed.sandbox.countTokenRequests({ grantType: 'refresh_token' });

    bed.sandbox.failNextTokenRequests(1, 503);
    expect(await a.runOnce()).toMatchObject({ refreshed: 0, failed: 1 });
    expect(requests()).toBe(1);
    // Paused: the next sweep does not touch the connection.
    expect(await a.runOnce()).toMatchObject({ refreshed: 0, failed: 0 });
    expect(requests()).toBe(1);

    // Once the pause is over the instance claims again; the first request meets a 429 and the
    // pause that follows is longer (1 s, then 2 s, each ±25 %).
    bed.sandbox.failNextTokenRequests(1, 429);
    while (requests() === 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await a.runOnce()).toMatchObject({ refreshed: 0 });
    }
    expect(requests()).toBe(2);
    const pauses = pausesLogged(bed);
    expect(pauses).toHaveLength(2);
    expect(pauses[1]!).toBeGreaterThan(pauses[0]!);

    // The waiting accounts were handed back: another instance claims and refreshes them at once,
    // all but those that failed, which back off on their own for a second or so.
    for (const user of users) expect(await bed.ob.accounts.get({ connection: 'demo', identifier: user })).toMatchObject({ status: 'ACTIVE' });
    const handedBack = await b.runOnce();
    expect(handedBack.failed).toBe(0);
    expect(handedBack.refreshed).toBeGreaterThanOrEqual(4);
    while (bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true }) < 6) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await b.runOnce();
    }
    // Two failed requests and one successful refresh per account: none was refreshed twice.
    expect(requests()).toBe(8);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true })).toBe(6);
    await expectAllRefreshedAndUsable(bed, bed.ob, users);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('stop() hands back the accounts it claimed and has not started, so another instance refreshes them at once', async () => {
    const users = Array.from({ length: 6 }, (_, i) => `user${i}`);
    await connectAll(bed, users);
    await ageTokens(dialect, bed, 40);
    const a = bed.ob.startRefresher({ aheadSeconds: 120, intervalSeconds: 3600, perConnectionConcurrency: 1 });
    const sweep = a.runOnce();
    await a.stop();
    const first = await sweep;
    expect(first.refreshed).toBeLessThan(users.length);
    const b = (await bed.reopen()).startRefresher({ aheadSeconds: 120, intervalSeconds: 3600 });
    expect(await b.runOnce()).toMatchObject({ refreshed: users.length - first.refreshed, failed: 0 });
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(users.length);
    await expectAllRefreshedAndUsable(bed, bed.ob, users);
    await b.stop();
  });

  it('refuses a lease too short to cover a token call', () => {
    expect(() => bed.ob.startRefresher({ leaseSeconds: 10 })).toThrow(expect.objectContaining({ code: 'CONFIGURATION_ERROR' }));
    expect(() => bed.ob.startRefresher({ concurrency: 0 })).toThrow(expect.objectContaining({ code: 'CONFIGURATION_ERROR' }));
  });
});
