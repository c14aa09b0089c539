import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../../test/support/concurrent-reads.ts', import.meta.url));
const PROCESSES = 4;
const READS = 50;

describeEachDialect('refresh across processes', (dialect) => {
  let bed: OAuthTestbed;
  beforeEach(async () => {
    bed = await createOAuthTestbed(dialect, { accessTokenTtl: 2 });
  });
  afterEach(() => bed.close());

  it(`${PROCESSES} processes × ${READS} concurrent reads of an expired token make exactly one refresh call`, async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    await bed.connect(link);
    const before = await bed.ob.accounts.getCredentials({ connection: 'demo', identifier: 'user_1' });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the access token is now expired

    const startAt = String(Date.now() + 2000); // every process starts reading at the same moment
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, () => run(process.execPath, [child, bed.database.url, bed.key, bed.sandbox.issuer, 'user_1', String(READS), startAt], { timeout: 90_000 })),
    );
    const results = outputs.map(({ stdout }) => JSON.parse(stdout) as { tokens: string[]; errors: string[] });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const tokens = new Set(results.flatMap((r) => r.tokens));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(before.type === 'oauth2' && before.accessToken);
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token' })).toBe(1);

    // The account is ACTIVE and its (rotated) refresh token still works: no double refresh killed it.
    expect(await bed.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).toMatchObject({ status: 'ACTIVE' });
    expect(await bed.sandbox.introspect([...tokens][0]!)).toMatchObject({ active: true });
    const forced = await bed.ob.accounts.refresh({ connection: 'demo', identifier: 'user_1' });
    expect(await bed.sandbox.introspect(forced.accessToken)).toMatchObject({ active: true });
    expect(bed.sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true })).toBe(2);
  });
});
