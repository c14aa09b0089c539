import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from './create-sandbox.ts';
import type { Sandbox } from './types.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ISSUER = 'robot@project.iam.gserviceaccount.com';
const SCOPE = 'https://www.googleapis.com/auth/gmail.readonly';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
  sandbox.addServiceAccount({ issuer: ISSUER, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string, subjects: ['alice@example.com'], scopes: [SCOPE] });
});
afterAll(() => sandbox.close());

const now = () => Math.floor(Date.now() / 1000);
function assertion(claims: Record<string, unknown> = {}, key = privateKey) {
  return new SignJWT({ iss: ISSUER, sub: 'alice@example.com', scope: SCOPE, aud: `${sandbox.issuer}/token`, iat: now(), exp: now() + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(key);
}
async function exchange(jwt: string) {
  const response = await fetch(`${sandbox.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: GRANT, assertion: jwt }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the JWT bearer grant (RFC 7523, as Google answers it for service accounts)', () => {
  it('issues an access token for the delegated subject that the mock APIs accept', async () => {
    const { status, body } = await exchange(await assertion());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(body).not.toHaveProperty('refresh_token');
    expect(await sandbox.verifyAccessToken(body.access_token as string)).toMatchObject({ sub: 'alice@example.com', clientId: ISSUER, scopes: [SCOPE] });
    expect(sandbox.tokenRequests.at(-1)).toMatchObject({ grantType: GRANT, ok: true, status: 200 });
  });

  it('refuses a bad signature, a wrong audience, an expired or too long-lived assertion with invalid_grant', async () => {
    for (const jwt of [
      await assertion({}, other.privateKey),
      await assertion({ aud: 'https://oauth2.googleapis.com/token' }),
      await assertion({ iat: now() - 7200, exp: now() - 3600 }),
      await assertion({ exp: now() + 7200 }),
      await assertion({ iss: 'stranger@project.iam.gserviceaccount.com' }),
      'not-a-jwt',
    ]) {
      const { status, body } = await exchange(jwt);
      expect({ status, error: body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    }
  });

  it('refuses a subject or a scope the delegation does not cover with unauthorized_client', async () => {
    for (const jwt of [await assertion({ sub: 'mallory@example.com' }), await assertion({ scope: `${SCOPE} https://www.googleapis.com/auth/drive` })]) {
      const { status, body } = await exchange(jwt);
      expect({ status, error: body.error }).toEqual({ status: 401, error: 'unauthorized_client' });
    }
  });

  it('leaves the other grants to oidc-provider', async () => {
    const response = await fetch(`${sandbox.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: ISSUER }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
