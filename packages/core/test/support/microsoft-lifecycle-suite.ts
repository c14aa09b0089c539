import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../src/errors.ts';
import type { Provider } from '../../src/providers/index.ts';
import { expectOnBehalfError } from './expect-error.ts';
import { AADSTS, CLIENT_ID, CLIENT_SECRET, GRAPH_ME, startMicrosoftWire, TENANT_ID, type MicrosoftWire } from './microsoft-identity-wire.ts';
import { onWire } from './provider-on-wire.ts';
import { consentWithCode } from './provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from './test-on-behalf.ts';

export interface MicrosoftLifecycleContext {
  t: TestOnBehalf;
  wire: MicrosoftWire;
  /** Connects `identifier` on the `organizations` connection; returns the authorization URL. */
  connect(identifier: string): Promise<URL>;
}

/**
 * The lifecycle every Microsoft Graph provider shares, driven against the identity platform's
 * dialect (see microsoft-identity-wire.ts) with the catalog definition as shipped: its URLs moved
 * onto the wire server by `onWire`, the tenant from the connection's setting. `more` adds the
 * provider's own cases inside the same describe block.
 */
export function describeMicrosoftLifecycle(provider: Provider, more?: (context: () => MicrosoftLifecycleContext) => void): void {
  const auth = provider.auth.type === 'oauth2' ? provider.auth : undefined;
  const scopes = [...new Set(['offline_access', ...(auth?.defaultScopes ?? [])])];
  const CODE = 'M.C507_BAY.2.U.7f0a9b4e-5b2c-4a7d-9e1f-3c6d8a2b1e0f';

  describe(`${provider.name} lifecycle in the Microsoft identity platform's dialect`, () => {
    let t: TestOnBehalf;
    let wire: MicrosoftWire;
    const graphAuthorizations = () => wire.server.requests(`GET ${GRAPH_ME}`).map((r) => r.headers.authorization);

    beforeAll(async () => {
      wire = await startMicrosoftWire({ tenants: ['organizations', 'common', TENANT_ID], scope: scopes.join(' '), code: CODE });
      t = await createTestOnBehalf('sqlite', {
        providers: [onWire(provider, wire.server.url)],
        connections: [
          { name: provider.id, provider: provider.id, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, settings: { tenant: 'organizations' } },
          { name: `${provider.id}_default`, provider: provider.id, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
          { name: `${provider.id}_single`, provider: provider.id, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, settings: { tenant: TENANT_ID } },
        ],
      });
    });

    afterAll(async () => {
      await t.cleanup();
      await wire.close();
    });

    async function connect(identifier: string, connection = provider.id): Promise<URL> {
      const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection, identifier, code: CODE });
      expect(callback.status, await callback.clone().text()).toBe(200);
      return authorizationUrl;
    }

    it('authorizes on the connection\'s tenant with PKCE S256 and offline_access, redeems the code with the secret in the form, and captures tenant and user', async () => {
      const url = await connect('megan');
      expect(url.pathname).toBe('/login.microsoftonline.com/organizations/oauth2/v2.0/authorize');
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('response_mode')).toBe('query');
      expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
      expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual([...scopes].sort());
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');

      const exchange = wire.tokenRequests('organizations').at(-1)!;
      expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
      expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: CODE, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: `http://localhost:3000/onbehalf/callback/${provider.id}` });
      expect(exchange.headers.authorization).toBeUndefined();
      const verifier = String(exchange.body.code_verifier);
      expect(createHash('sha256').update(verifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));

      const account = await t.ob.accounts.get({ connection: provider.id, identifier: 'megan' });
      expect(account).toMatchObject({ status: 'ACTIVE', values: { tenantId: TENANT_ID, userId: '8ea0e38b-efb3-4757-924a-5f94061cf8c2', userPrincipalName: 'MeganB@contoso.com' } });
      expect(account.identity).toEqual({ subject: '8ea0e38b-efb3-4757-924a-5f94061cf8c2', display: 'MeganB@contoso.com' });
      expect(account.scopes).toEqual(expect.arrayContaining(scopes.filter((s) => s !== 'offline_access')));
      // Microsoft's access tokens live 60-90 minutes (here 4377 s): the expiry comes from expires_in.
      const lifetime = account.expiresAt!.getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(4000_000);
      expect(lifetime).toBeLessThanOrEqual(4377_000);
      expect((await t.ob.accounts.getCredentials({ connection: provider.id, identifier: 'megan' })) as { refreshToken?: string }).toMatchObject({ refreshToken: expect.stringMatching(/^0\.AXoA/) });
    });

    it('uses the tenant common when the connection names none, and a single tenant by its id', async () => {
      expect((await t.ob.connections.get(`${provider.id}_default`)).settings).toEqual({ tenant: 'common' });
      expect((await connect('adele', `${provider.id}_default`)).pathname).toBe('/login.microsoftonline.com/common/oauth2/v2.0/authorize');
      expect(wire.tokenRequests('common')).toHaveLength(1);
      expect((await connect('adele', `${provider.id}_single`)).pathname).toBe(`/login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/authorize`);
      expect(wire.tokenRequests(TENANT_ID)).toHaveLength(1);
    });

    it('soft rotation: every refresh stores the new refresh token and uses it next, though Microsoft still accepts the old one', async () => {
      const before = (await t.ob.accounts.getCredentials({ connection: provider.id, identifier: 'megan' })) as { refreshToken: string };
      const first = await t.ob.accounts.refresh({ connection: provider.id, identifier: 'megan' });
      const afterFirst = (await t.ob.accounts.getCredentials({ connection: provider.id, identifier: 'megan' })) as { refreshToken: string; accessToken: string };
      expect(wire.tokenRequests('organizations').at(-1)!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refreshToken, client_secret: CLIENT_SECRET });
      expect(afterFirst.refreshToken).not.toBe(before.refreshToken);
      expect(afterFirst.accessToken).toBe(first.accessToken);
      expect(wire.liveRefreshTokens.has(before.refreshToken)).toBe(true);

      await t.ob.accounts.refresh({ connection: provider.id, identifier: 'megan' });
      expect(wire.tokenRequests('organizations').at(-1)!.body).toMatchObject({ refresh_token: afterFirst.refreshToken });
    });

    it('a Graph 401 refreshes once and retries with the new token', async () => {
      const { accessToken } = (await t.ob.accounts.getCredentials({ connection: provider.id, identifier: 'megan' })) as { accessToken: string };
      wire.rejectedAccessTokens.add(accessToken);
      const refreshes = wire.tokenRequests('organizations').length;
      const response = await t.ob.fetch({ connection: provider.id, identifier: 'megan' }, '/me');
      expect(response.status).toBe(200);
      expect(wire.tokenRequests('organizations')).toHaveLength(refreshes + 1);
      const { accessToken: next } = (await t.ob.accounts.getCredentials({ connection: provider.id, identifier: 'megan' })) as { accessToken: string };
      expect(graphAuthorizations().slice(-2)).toEqual([`Bearer ${accessToken}`, `Bearer ${next}`]);
    });

    it('a refresh token idle for 90 days (AADSTS700082) ends the account as EXPIRED, saying why', async () => {
      await connect('alex');
      wire.failNextRefresh(AADSTS.idleRefreshToken);
      const failure = await t.ob.accounts.refresh({ connection: provider.id, identifier: 'alex' }).then(() => undefined, (error: unknown) => error);
      expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
      expect(await t.ob.accounts.get({ connection: provider.id, identifier: 'alex' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
    });

    it('an expired client secret (AADSTS7000222) puts the account in ERROR with a reason that says to renew the secret', async () => {
      await connect('diego');
      wire.failNextRefresh(AADSTS.expiredClientSecret);
      const failure = await t.ob.accounts.refresh({ connection: provider.id, identifier: 'diego' }).then(() => undefined, (error: unknown) => error);
      expect(isOnBehalfError(failure)).toBe(true);
      const account = await t.ob.accounts.get({ connection: provider.id, identifier: 'diego' });
      expect(account.status).toBe('ERROR');
      expect(account.statusReason).toContain("the app's client secret has expired (AADSTS7000222)");
      expect(account.statusReason).toContain('update the connection\'s clientSecret');
      expect(account.statusReason).not.toContain(CLIENT_SECRET);
    });

    it('revokes locally: Microsoft has no per-token revocation, so nothing is sent and revokedAtProvider is false', async () => {
      await connect('lee');
      const seen = wire.server.seen.length;
      const revoked = await t.ob.accounts.revoke({ connection: provider.id, identifier: 'lee' });
      expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
      expect(wire.server.seen).toHaveLength(seen);
      // The tokens are gone: the account needs a new consent.
      await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: provider.id, identifier: 'lee' }), 'ACCOUNT_REVOKED');
    });

    it.each(['contoso.com/x', 'evil.example#', '../', 'a b', 'login.microsoftonline.com@evil'])('refuses the tenant %j', async (tenant) => {
      await expectOnBehalfError(t.ob.connections.upsert({ name: `${provider.id}_bad`, provider: provider.id, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, settings: { tenant } }), 'CONNECTION_INVALID');
    });

    more?.(() => ({ t, wire, connect: (identifier) => connect(identifier) }));
  });
}
