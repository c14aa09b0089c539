import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { accountRows } from '../../test/support/account-rows.ts';
import { describeEachDialect, type TestDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed, type OAuthTestbedOptions } from '../../test/support/oauth-testbed.ts';
import { sandboxProvider } from '../../test/support/sandbox-provider.ts';

const run = promisify(execFile);
const readerScript = fileURLToPath(new URL('../../test/support/concurrent-reads.ts', import.meta.url));
const skewedClock = fileURLToPath(new URL('../../test/support/skewed-clock.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ref = { connection: 'demo', identifier: 'alice' };

interface ReaderResult {
  tokens: string[];
  errors: string[];
}

describeEachDialect('refresh races', (dialect: TestDialect) => {
  let bed: OAuthTestbed;
  let rows: ReturnType<typeof accountRows>;
  const open = async (options: OAuthTestbedOptions = {}) => {
    bed = await createOAuthTestbed(dialect, options);
    rows = accountRows(bed.database.url);
    const { link } = await bed.ob.accounts.authorizationLink(ref);
    expect((await bed.connect(link, { user: 'alice' })).callback.status).toBe(200);
    return (await bed.ob.accounts.get(ref)).id;
  };
  afterEach(async () => {
    await rows?.close();
    await bed?.close();
  });
  const refreshes = (ok?: boolean) => bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ...(ok === undefined ? {} : { ok }) });
  const untilInFlight = async () => {
    while (bed.sandbox.tokenRequestsInFlight === 0) await sleep(5);
  };
  const reader = (env: Record<string, string>, startAt = Date.now()) =>
    run(process.execPath, [readerScript, bed.database.url, bed.key, bed.sandbox.issuer, 'alice', '25', String(startAt)], { timeout: 60_000, env: { ...process.env, ...env } })
      .then(({ stdout }) => JSON.parse(stdout) as ReaderResult);

  it('4 processes reading an expired 60-second token under the default 300 s margin make one refresh', async () => {
    const id = await open({ accessTokenTtl: 60 });
    await rows.expire(id);
    const env = { ONBEHALF_TEST_PROVIDER: JSON.stringify({ refreshMarginSeconds: undefined }) };
    const startAt = Date.now() + 1500;
    const results = await Promise.all(Array.from({ length: 4 }, () => reader(env, startAt)));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(new Set(results.flatMap((r) => r.tokens)).size).toBe(1);
    expect(refreshes()).toBe(1);
  });

  it('invalid_grant after another instance took over a stalled lease uses that instance\'s tokens instead of expiring the account', async () => {
    const id = await open();
    await rows.expire(id);
    const other = await bed.reopen({ providers: [sandboxProvider(bed.sandbox.issuer)] });
    bed.sandbox.stallNextTokenRequests(1, 1500);
    const slow = bed.ob.accounts.getAccessToken(ref); // takes the lease; its token call hangs
    await untilInFlight();
    await rows.endLease(id); // the slow holder is now past its lease, as after a long pause
    const winner = await other.accounts.getAccessToken(ref);
    // The slow call reaches the provider with the refresh token the winner already spent.
    const late = await slow;
    expect(bed.sandbox.tokenRequests.filter((r) => r.grantType === 'refresh_token').map((r) => r.error ?? 'ok')).toEqual(['ok', 'invalid_grant']);
    expect(late.accessToken).toBe(winner.accessToken);
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });
  });

  it('a holder that lost its lease cannot overwrite the tokens the next holder stored', async () => {
    // Not rotating: the slow holder's late call succeeds too, and its answer must not win.
    const id = await open({ rotateRefreshTokens: false });
    await rows.expire(id);
    const other = await bed.reopen({ providers: [sandboxProvider(bed.sandbox.issuer)] });
    bed.sandbox.stallNextTokenRequests(1, 1500);
    const slow = bed.ob.accounts.getAccessToken(ref);
    await untilInFlight();
    await rows.endLease(id);
    const winner = await other.accounts.getAccessToken(ref);
    const late = await slow;
    expect(late.accessToken).not.toBe(winner.accessToken);
    expect(refreshes(true)).toBe(2);
    const stored = await other.accounts.getCredentials(ref);
    expect(stored.type === 'oauth2' && stored.accessToken).toBe(winner.accessToken);
    expect(bed.recorder.lines.some((line) => line.includes('refreshed tokens could not be stored'))).toBe(true);
  });

  it('a process killed while holding the lease leaves a readable row; the next reader refreshes once its lease ends', async () => {
    // Not rotating, and the killed call is dropped by the provider: the refresh token stays good.
    const id = await open({ rotateRefreshTokens: false });
    await rows.expire(id);
    bed.sandbox.stallNextTokenRequests(1, 2000);
    const refresh = { leaseSeconds: 7, tokenRequestTimeoutSeconds: 1 };
    const child = spawn(process.execPath, [readerScript, bed.database.url, bed.key, bed.sandbox.issuer, 'alice', '1', '0'], {
      env: { ...process.env, ONBEHALF_TEST_REFRESH: JSON.stringify(refresh) },
      stdio: 'ignore',
    });
    await untilInFlight();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const row = await rows.get(id);
    expect(row.lease_owner).not.toBeNull();
    expect(row.status).toBe('ACTIVE');
    expect(await bed.ob.accounts.get(ref)).toMatchObject({ status: 'ACTIVE' });
    const token = await bed.ob.accounts.getAccessToken(ref);
    expect(await bed.sandbox.introspect(token.accessToken)).toMatchObject({ active: true, sub: 'alice' });
    expect(refreshes(true)).toBe(1);
    expect((await rows.get(id)).lease_owner).toBeNull();
  });

  it.runIf(dialect === 'postgres')('an instance whose clock runs a minute ahead does not take over a lease that is still held (the database clock decides)', async () => {
    const id = await open();
    await rows.expire(id);
    bed.sandbox.stallNextTokenRequests(1, 1500);
    const holder = bed.ob.accounts.getAccessToken(ref);
    await untilInFlight();
    const skewed = reader({ NODE_OPTIONS: `--import=${skewedClock}`, ONBEHALF_TEST_CLOCK_SKEW_MS: '60000' });
    const [held, seen] = await Promise.all([holder, skewed]);
    expect(seen.errors).toEqual([]);
    expect(seen.tokens).toEqual([held.accessToken]);
    expect(refreshes()).toBe(1);
  });
});
