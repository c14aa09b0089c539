import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { onWire } from '../../../test/support/provider-on-wire.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { hubspotToolkit } from './index.ts';

/**
 * HubSpot's OAuth lifecycle against a local server speaking its dialect, as its reference
 * documents it (developers.hubspot.com: OAuth v3 guide, /oauth/2026-03/token, token/revoke,
 * account-info details): every token parameter in the form body (none in the query), 30-minute
 * access tokens, `hub_id` and a `scopes` array in the answer, refresh tokens that do not rotate
 * and are the same for every connection to one portal, `BAD_REFRESH_TOKEN` (HTTP 400, not OAuth's
 * shape) once the refresh token is gone. The provider is the catalog's own, its URLs moved onto
 * the wire server with the host as the first path segment.
 */

const CLIENT_ID = '5a1c8f2e-0b3d-4c6a-9e7f-1d2b3c4d5e6f';
const CLIENT_SECRET = '9b8a7c6d-5e4f-3a2b-1c0d-fedcba987654';
const PORTAL = 62515;
/** One refresh token per app and portal, whichever connection asked for it. */
const PORTAL_REFRESH_TOKEN = 'na1-ab12-cd34-ef56-gh78-abcdef123456';
const API = '/api.hubapi.com';

describe("HubSpot lifecycle in HubSpot's own dialect", () => {
  let t: TestOnBehalf;
  let wire: WireServer;
  const liveAccess = new Set<string>();
  let refreshTokenAlive = true;
  let minted = 0;

  function mint(withHub = true) {
    minted += 1;
    const access = `CJSP5qf1KhICAQEYs-gDIIGOBii1-${minted}`;
    liveAccess.add(access);
    return { token_type: 'bearer', refresh_token: PORTAL_REFRESH_TOKEN, access_token: access, expires_in: 1800, ...(withHub ? { hub_id: PORTAL } : {}), user_id: 7001, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'] };
  }

  const badRefreshToken = { status: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token', correlationId: 'f0e1d2c3-b4a5-4968-8776-655443322110' } };
  const bearer = (request: WireRequest) => liveAccess.has(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '') || request.headers.authorization === 'Bearer pat-na1-11112222-3333-4444-5555-666677778888';

  beforeAll(async () => {
    wire = await startWireServer({
      [`POST ${API}/oauth/2026-03/token`]: (request) => {
        const body = request.body as Record<string, string | undefined>;
        if (Object.keys(request.query).length > 0) return { status: 400, body: { status: 'error', message: 'Parameters must be sent in the request body', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', category: 'VALIDATION_ERROR' } };
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 400, body: { status: 'BAD_CLIENT_ID', message: 'missing or invalid client_id', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } };
        if (body.grant_type === 'authorization_code') {
          if (!body.code_verifier || !body.redirect_uri) return { status: 400, body: { status: 'BAD_AUTH_CODE', message: 'missing or invalid auth code', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } };
          if (body.code === 'hs-code') return { body: mint() };
          if (body.code === 'hs-code-no-hub') return { body: mint(false) };
          return { status: 400, body: { status: 'BAD_AUTH_CODE', message: 'missing or invalid auth code', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } };
        }
        if (body.grant_type === 'refresh_token' && body.refresh_token === PORTAL_REFRESH_TOKEN && refreshTokenAlive) return { body: mint() };
        return badRefreshToken;
      },
      [`POST ${API}/oauth/2026-03/token/revoke`]: (request) => {
        const body = request.body as Record<string, string | undefined>;
        if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return { status: 400, body: { status: 'BAD_CLIENT_ID', message: 'missing or invalid client_id', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } };
        if (body.token !== PORTAL_REFRESH_TOKEN) return badRefreshToken;
        refreshTokenAlive = false;
        return { status: 204 };
      },
      [`GET ${API}/account-info/v3/details`]: (request) => (bearer(request)
        ? { body: { portalId: PORTAL, timeZone: 'US/Eastern', companyCurrency: 'USD', additionalCurrencies: [], utcOffset: '-05:00', utcOffsetMilliseconds: -18_000_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1' } }
        : { status: 401, body: { status: 'error', message: 'Authentication credentials not found.', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', category: 'INVALID_AUTHENTICATION' } }),
    });
    const connection = { provider: 'hubspot', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'], authorizationParams: { optional_scope: 'crm.objects.deals.read' } };
    t = await createTestOnBehalf('sqlite', {
      providers: [onWire(hubspotToolkit.provider, wire.url)],
      connections: [
        { name: 'hubspot', ...connection },
        { name: 'hubspot_revoking', ...connection, endpoints: { revocationUrl: `${wire.url}${API}/oauth/2026-03/token/revoke` } },
        { name: 'hubspot_private', provider: 'hubspot', auth: 'bearer' },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await wire.close();
  });

  const tokenRequests = () => wire.requests(`POST ${API}/oauth/2026-03/token`);
  const details = (identifier: string, connection = 'hubspot') => t.ob.fetch({ connection, identifier }, '/account-info/v3/details');

  it('connects with every token parameter in the form body, keeps the portal id and the 30-minute expiry', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'hubspot', identifier: 'ann', code: 'hs-code' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/app.hubspot.com/oauth/authorize');
    expect(authorizationUrl.searchParams.get('scope')?.split(' ').sort()).toEqual(['crm.objects.contacts.read', 'crm.objects.contacts.write', 'oauth']);
    expect(authorizationUrl.searchParams.get('optional_scope')).toBe('crm.objects.deals.read');
    const exchange = tokenRequests().at(-1)!;
    expect(exchange.query).toEqual({});
    expect(exchange.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'hs-code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code_verifier: expect.any(String), redirect_uri: 'http://localhost:3000/onbehalf/callback/hubspot' });

    const account = await t.ob.accounts.get({ connection: 'hubspot', identifier: 'ann' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { portalId: String(PORTAL) } });
    expect(account.scopes.sort()).toEqual(['crm.objects.contacts.read', 'crm.objects.contacts.write', 'oauth']);
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(25 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
    // hub_id was in the token answer: no account-info call was needed to learn the portal.
    expect(wire.requests(`GET ${API}/account-info/v3/details`)).toHaveLength(0);
  });

  it('asks account-info for the portal when the token answer has no hub_id', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'hubspot', identifier: 'old-app', code: 'hs-code-no-hub' });
    expect(callback.status).toBe(200);
    expect(await t.ob.accounts.get({ connection: 'hubspot', identifier: 'old-app' })).toMatchObject({ status: 'ACTIVE', values: { portalId: String(PORTAL) } });
    expect(wire.requests(`GET ${API}/account-info/v3/details`).at(-1)!.headers.authorization).toMatch(/^Bearer CJSP/);
  });

  it('refreshes in the form body; the refresh token does not rotate and is shared by connections to the same portal', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'hubspot', identifier: 'bob', code: 'hs-code' });
    expect(callback.status).toBe(200);
    const ann = await t.ob.accounts.getCredentials({ connection: 'hubspot', identifier: 'ann' });
    const bob = await t.ob.accounts.getCredentials({ connection: 'hubspot', identifier: 'bob' });
    expect(ann).toMatchObject({ refreshToken: PORTAL_REFRESH_TOKEN });
    expect(bob).toMatchObject({ refreshToken: PORTAL_REFRESH_TOKEN });

    const refreshed = await t.ob.accounts.refresh({ connection: 'hubspot', identifier: 'ann' });
    const request = tokenRequests().at(-1)!;
    expect(request.query).toEqual({});
    expect(request.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: PORTAL_REFRESH_TOKEN, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(await t.ob.accounts.getCredentials({ connection: 'hubspot', identifier: 'ann' })).toMatchObject({ accessToken: refreshed.accessToken, refreshToken: PORTAL_REFRESH_TOKEN });
    expect((await details('ann')).status).toBe(200);
  });

  it('revoke() leaves HubSpot alone by default, so the other connections to the portal keep working', async () => {
    const revoked = await t.ob.accounts.revoke({ connection: 'hubspot', identifier: 'ann' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    expect(wire.requests(`POST ${API}/oauth/2026-03/token/revoke`)).toHaveLength(0);
    expect(refreshTokenAlive).toBe(true);
    const bob = await t.ob.accounts.refresh({ connection: 'hubspot', identifier: 'bob' });
    expect(bob.accessToken).toMatch(/^CJSP/);
    expect((await details('bob')).status).toBe(200);
  });

  it('a connection that names the revocation endpoint revokes the portal refresh token at HubSpot, which ends every connection sharing it (BAD_REFRESH_TOKEN → EXPIRED)', async () => {
    for (const identifier of ['cat', 'dan']) {
      const { callback } = await consentWithCode(t.ob, { connection: 'hubspot_revoking', identifier, code: 'hs-code' });
      expect(callback.status).toBe(200);
    }
    const revoked = await t.ob.accounts.revoke({ connection: 'hubspot_revoking', identifier: 'cat' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const request = wire.requests(`POST ${API}/oauth/2026-03/token/revoke`).at(-1)!;
    expect(request.query).toEqual({});
    expect(request.body).toEqual({ token: PORTAL_REFRESH_TOKEN, token_type_hint: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

    // HubSpot's own error shape for a refresh token that is gone ends the grant: EXPIRED, not an outage to retry.
    const failure = await t.ob.accounts.refresh({ connection: 'hubspot_revoking', identifier: 'dan' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'hubspot_revoking', identifier: 'dan' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
    expect(await t.ob.accounts.get({ connection: 'hubspot', identifier: 'bob' })).toMatchObject({ status: 'ACTIVE' });
  });

  it('private app access tokens are the second method', async () => {
    await t.ob.accounts.setCredentials({ connection: 'hubspot_private', identifier: 'ops', credentials: { type: 'bearer', token: 'pat-na1-11112222-3333-4444-5555-666677778888' } });
    const answer = await details('ops', 'hubspot_private');
    expect(answer.status).toBe(200);
    expect(wire.requests(`GET ${API}/account-info/v3/details`).at(-1)!.headers.authorization).toBe('Bearer pat-na1-11112222-3333-4444-5555-666677778888');
  });
});
