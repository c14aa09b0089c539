import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../src/errors.ts';
import { GOOGLE_CLIENT, googleWire, type GoogleWire } from './google-wire.ts';
import { consentWithCode, startWireServer, type WireServer } from './provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from './test-on-behalf.ts';

/**
 * The lifecycle every Google provider shares (one OAuth, see catalog/google/google-oauth.ts),
 * driven against a local server in Google's dialect: each provider's test calls this with its id,
 * its scope and one API read.
 */
export function describeGoogleLifecycle(options: { provider: string; scope: string; apiPath: string; apiAnswer: unknown }): void {
  const { provider } = options;
  describe(`${provider} lifecycle in Google's dialect`, () => {
    let t: TestOnBehalf;
    let server: WireServer;
    let wire: GoogleWire;
    const grantedScope = `openid https://www.googleapis.com/auth/userinfo.email ${options.scope}`;

    beforeAll(async () => {
      wire = googleWire({ apiRoute: options.apiPath.split('?')[0]!, apiAnswer: options.apiAnswer, grantedScope });
      server = await startWireServer(wire.routes);
      t = await createTestOnBehalf('sqlite', {
        connections: [{
          name: provider, provider, clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret,
          endpoints: { authorizationUrl: `${server.url}/o/oauth2/v2/auth`, tokenUrl: `${server.url}/token`, revocationUrl: `${server.url}/revoke`, apiBaseUrl: server.url },
        }],
      });
    });
    afterAll(async () => {
      await t.cleanup();
      await server.close();
    });

    const ref = (identifier: string) => ({ connection: provider, identifier });
    const call = (identifier: string) => t.ob.fetch(ref(identifier), options.apiPath);
    const connect = async (identifier: string) => {
      const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: provider, identifier, code: '4/0AcvDMrC-good' });
      expect(callback.status).toBe(200);
      return authorizationUrl;
    };

    it('asks for offline access with consent and PKCE, and exchanges the code with the secret in the form body', async () => {
      const url = await connect('alice');
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        response_type: 'code', client_id: GOOGLE_CLIENT.id, access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true',
        code_challenge_method: 'S256', code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), state: expect.any(String),
      });
      expect(url.searchParams.get('scope')!.split(' ')).toEqual(['openid', 'email', options.scope]);
      const exchange = server.requests('POST /token').at(-1)!;
      expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', client_id: GOOGLE_CLIENT.id, client_secret: GOOGLE_CLIENT.secret, code_verifier: expect.any(String) });
      expect(exchange.headers.authorization).toBeUndefined();
      const account = await t.ob.accounts.get(ref('alice'));
      // The scopes Google granted, as it names them (granular consent may grant fewer).
      expect(account).toMatchObject({ status: 'ACTIVE', scopes: grantedScope.split(' ') });
      expect(account.expiresAt).toBeInstanceOf(Date);
      expect((await call('alice')).status).toBe(200);
    });

    it('refreshes on a 401 and keeps the refresh token Google does not send again', async () => {
      const before = (await t.ob.accounts.getCredentials(ref('alice'))) as { accessToken: string; refreshToken: string };
      wire.expire(before.accessToken);
      expect((await call('alice')).status).toBe(200);
      const refresh = server.requests('POST /token').at(-1)!;
      expect(refresh.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refreshToken, client_id: GOOGLE_CLIENT.id, client_secret: GOOGLE_CLIENT.secret });
      const after = (await t.ob.accounts.getCredentials(ref('alice'))) as { accessToken: string; refreshToken: string };
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.refreshToken).toBe(before.refreshToken);
    });

    it('a refresh token Google revoked (invalid_grant) ends the account as EXPIRED', async () => {
      await connect('bob');
      const { accessToken, refreshToken } = (await t.ob.accounts.getCredentials(ref('bob'))) as { accessToken: string; refreshToken: string };
      wire.revokeGrant(refreshToken);
      wire.expire(accessToken);
      const failure = await call('bob').then(() => undefined, (error: unknown) => error);
      expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
      expect(await t.ob.accounts.get(ref('bob'))).toMatchObject({ status: 'EXPIRED' });
    });

    it('revokes the grant at Google\'s revocation endpoint with the refresh token', async () => {
      const { refreshToken } = (await t.ob.accounts.getCredentials(ref('alice'))) as { refreshToken: string };
      expect(await t.ob.accounts.revoke(ref('alice'))).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
      expect(server.requests('POST /revoke').at(-1)!.body).toMatchObject({ token: refreshToken });
      expect(wire.live.refresh.has(refreshToken)).toBe(false);
    });
  });
}
