import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { defineProvider } from '../providers/index.ts';

/**
 * `exchange: 'assertion'`: the signed JWT itself is the bearer (APIs that take a self-signed JWT,
 * as Google APIs do for service accounts without an exchange). A local API verifies every request's
 * token with the public key; the key arrives as a JWK.
 */
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signedApi = (baseUrl: string) => defineProvider({
  id: 'signed_api',
  name: 'Signed API',
  auth: {
    type: 'jwt',
    exchange: 'assertion',
    fields: [
      { name: 'issuer', label: 'Issuer', required: true },
      { name: 'privateKey', label: 'Private key (JWK)', required: true, secret: true },
    ],
    assertion: ({ values, now }) => ({ privateKey: values.privateKey!, algorithm: 'ES256', keyId: 'k1', claims: { iss: values.issuer, aud: 'signed-api', iat: now, exp: now + 300 } }),
  },
  api: { baseUrl },
});
const ref = { connection: 'signed', identifier: 'user_1' };

describeEachDialect('a jwt method that sends the assertion as the bearer', (dialect) => {
  let server: Server;
  let t: TestOnBehalf;
  const seen: string[] = [];
  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      jwtVerify(token, ec.publicKey, { issuer: 'app-1', audience: 'signed-api', algorithms: ['ES256'] }).then(
        () => (seen.push(token), res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"ok":true}')),
        () => (res.writeHead(401, { 'content-type': 'application/json' }), res.end('{"error":"invalid_token"}')),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestOnBehalf(dialect, { providers: [signedApi(origin)], connections: [{ name: 'signed', provider: 'signed_api' }] });
    await t.ob.migrate();
  });
  afterEach(async () => {
    await t.cleanup();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('signs the assertion once per lifetime and sends it as the bearer', async () => {
    await t.ob.accounts.setCredentials({ ...ref, credentials: { issuer: 'app-1', privateKey: JSON.stringify(ec.privateKey.export({ format: 'jwk' })) } });
    expect((await t.ob.fetch(ref, '/things')).status).toBe(200);
    expect((await t.ob.fetch(ref, '/things')).status).toBe(200);
    expect(new Set(seen).size).toBe(1);
    const token = await t.ob.accounts.getAccessToken(ref);
    expect(token.accessToken).toBe(seen[0]);
    // The assertion's own exp is the token's expiry.
    const { payload } = await jwtVerify(token.accessToken, ec.publicKey);
    expect(token.expiresAt!.getTime()).toBe(payload.exp! * 1000);
    expect(await t.ob.accounts.getCredentials(ref)).toMatchObject({ type: 'jwt', accessToken: seen[0], fields: { issuer: 'app-1' } });
  });
});
