import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * Figma's OAuth lifecycle against a local server speaking its dialect, as its REST API docs
 * describe it (developers.figma.com/docs/rest-api/authentication): the authorize page takes
 * comma-separated scopes; `POST /v1/oauth/token` wants HTTP Basic client authentication and a
 * form body, and answers `{ user_id_string, user_id, access_token, token_type, expires_in,
 * refresh_token }`; the refresh grant goes to its own `POST /v1/oauth/refresh`, which answers a
 * new access token and `expires_in` without a refresh token (the old one keeps working); errors
 * are `{ error: true, status, message }`; the REST API answers a bad token with 403
 * `{ status, err }`; personal access tokens travel in `X-Figma-Token`. Figma has no revocation endpoint.
 */

const CLIENT_ID = 'Qm7xFigmaAppClient01';
const CLIENT_SECRET = 'fgSecret+With/Odd=Chars';
const BASIC = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
const NINETY_DAYS = 7_776_000;

describe('Figma lifecycle in Figma\'s own dialect', () => {
  let t: TestOnBehalf;
  let figma: WireServer;
  const access = new Set<string>();
  const refresh = new Set<string>();
  let minted = 0;
  const figmaError = (status: number, message: string) => ({ status, body: { error: true, status, message, i18n: null } });
  const clientAuthenticated = (request: WireRequest) => request.headers.authorization === BASIC && request.body.client_secret === undefined;
  const newAccessToken = () => {
    minted += 1;
    const token = `figu_${String(minted).padStart(40, '0')}`;
    access.add(token);
    return token;
  };

  beforeAll(async () => {
    figma = await startWireServer({
      'POST /v1/oauth/token': (request) => {
        if (!clientAuthenticated(request)) return figmaError(401, 'Invalid client credentials');
        if (!request.contentType.includes('x-www-form-urlencoded')) return figmaError(400, 'Invalid request body');
        if (request.body.grant_type !== 'authorization_code') return figmaError(400, 'Invalid grant_type');
        if (request.body.code !== 'code-good') return figmaError(400, 'Invalid code');
        const refreshToken = `figur_${String(minted + 1).padStart(40, '0')}`;
        refresh.add(refreshToken);
        return { body: { user_id_string: '1187654321098765432', user_id: 1187654321098765432, access_token: newAccessToken(), token_type: 'bearer', expires_in: NINETY_DAYS, refresh_token: refreshToken } };
      },
      'POST /v1/oauth/refresh': (request) => {
        if (!clientAuthenticated(request)) return figmaError(401, 'Invalid client credentials');
        const token = request.body.refresh_token;
        if (typeof token !== 'string' || !refresh.has(token)) return figmaError(400, 'Invalid refresh token');
        return { body: { access_token: newAccessToken(), token_type: 'bearer', expires_in: NINETY_DAYS } };
      },
      'GET /v1/me': (request) => {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? request.headers['x-figma-token'];
        if (!token || !access.has(token)) return { status: 403, body: { status: 403, err: 'Invalid token' } };
        return { body: { id: '1187654321098765432', handle: 'Dana Lee', img_url: 'https://s3-alpha.figma.com/profile/dana', email: 'dana@acme.test' } };
      },
    });
    const endpoints = {
      authorizationUrl: `${figma.url}/oauth`,
      tokenUrl: `${figma.url}/v1/oauth/token`,
      refreshUrl: `${figma.url}/v1/oauth/refresh`,
      apiBaseUrl: figma.url,
    };
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'figma', provider: 'figma', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['file_content:read', 'file_comments:write'], endpoints },
        { name: 'figma_pat', provider: 'figma', auth: 'api_key', endpoints: { apiBaseUrl: figma.url } },
        { name: 'figma_2', provider: 'figma', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, endpoints },
      ],
    });
  });

  afterAll(async () => {
    await t.cleanup();
    await figma.close();
  });

  const me = (identifier: string, connection = 'figma') => t.ob.fetch({ connection, identifier }, '/v1/me');

  it('connects with comma-separated scopes, HTTP Basic client auth and a form body; the token lasts what expires_in says', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'figma', identifier: 'ann', code: 'code-good' });
    expect(callback.status).toBe(200);
    expect(authorizationUrl.pathname).toBe('/oauth');
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', scope: 'current_user:read,file_content:read,file_comments:write', state: expect.any(String) });
    const exchange = figma.requests('POST /v1/oauth/token').at(-1)!;
    expect(exchange.headers.authorization).toBe(BASIC);
    expect(exchange.body).toMatchObject({ grant_type: 'authorization_code', code: 'code-good', redirect_uri: 'http://localhost:3000/onbehalf/callback/figma' });
    expect(exchange.body).not.toHaveProperty('client_secret');

    const account = await t.ob.accounts.get({ connection: 'figma', identifier: 'ann' });
    expect(account.status).toBe('ACTIVE');
    // The person's id comes from the token answer, without another call.
    expect(account.values).toEqual({ userId: '1187654321098765432' });
    expect(figma.requests('GET /v1/me')).toHaveLength(0);
    const lifetime = account.expiresAt!.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan((NINETY_DAYS - 120) * 1000);
    expect(lifetime).toBeLessThanOrEqual(NINETY_DAYS * 1000);
    const response = await me('ann');
    expect(response.status).toBe(200);
    expect(figma.requests('GET /v1/me').at(-1)!.headers.authorization).toMatch(/^Bearer figu_/);
  });

  it('refreshes at /v1/oauth/refresh (not the token endpoint) with Basic auth, and keeps the refresh token the answer lacks', async () => {
    const before = (await t.ob.accounts.getCredentials({ connection: 'figma', identifier: 'ann' })) as { accessToken: string; refreshToken: string };
    const tokenCalls = figma.requests('POST /v1/oauth/token').length;
    await t.ob.accounts.refresh({ connection: 'figma', identifier: 'ann' });
    expect(figma.requests('POST /v1/oauth/token')).toHaveLength(tokenCalls);
    const grant = figma.requests('POST /v1/oauth/refresh').at(-1)!;
    expect(grant.headers.authorization).toBe(BASIC);
    expect(grant.contentType).toContain('application/x-www-form-urlencoded');
    expect(grant.body).toMatchObject({ refresh_token: before.refreshToken });
    const after = (await t.ob.accounts.getCredentials({ connection: 'figma', identifier: 'ann' })) as { accessToken: string; refreshToken: string };
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect((await me('ann')).status).toBe(200);

    // The same refresh token works again: Figma does not rotate it.
    await t.ob.accounts.refresh({ connection: 'figma', identifier: 'ann' });
    expect(figma.requests('POST /v1/oauth/refresh').at(-1)!.body).toMatchObject({ refresh_token: before.refreshToken });
    expect((await me('ann')).status).toBe(200);
  });

  it('a refresh token Figma refuses ({ error: true, status: 400 }) ends the account as EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'figma', identifier: 'bob', code: 'code-good' });
    expect(callback.status).toBe(200);
    const { refreshToken } = (await t.ob.accounts.getCredentials({ connection: 'figma', identifier: 'bob' })) as { refreshToken: string };
    refresh.delete(refreshToken); // the person removed the app in Figma
    const failure = await t.ob.accounts.refresh({ connection: 'figma', identifier: 'bob' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_EXPIRED')).toBe(true);
    expect(await t.ob.accounts.get({ connection: 'figma', identifier: 'bob' })).toMatchObject({ status: 'EXPIRED', statusReason: expect.stringContaining('invalid_grant') });
  });

  it('a code Figma refuses leaves the account PENDING', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'figma', identifier: 'eve', code: 'code-stale' });
    expect(callback.status).toBeGreaterThanOrEqual(400);
    expect((await t.ob.accounts.get({ connection: 'figma', identifier: 'eve' })).status).toBe('PENDING');
  });

  it('has no revocation endpoint: revoke() deletes the tokens here and says it did not revoke at Figma', async () => {
    const seen = figma.seen.length;
    const revoked = await t.ob.accounts.revoke({ connection: 'figma', identifier: 'ann' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    expect(figma.seen).toHaveLength(seen);
    const after = await t.ob.accounts.getCredentials({ connection: 'figma', identifier: 'ann' }).then(() => 'served', (error: unknown) => error);
    expect(isOnBehalfError(after)).toBe(true);
  });

  it('a personal access token is the second method, sent in X-Figma-Token', async () => {
    const pat = 'figd_Pz8k2Lq0Rt5Vw7Xy9Ab1Cd3Ef5Gh7Ij9Kl1Mn3Op5';
    access.add(pat);
    await t.ob.accounts.setCredentials({ connection: 'figma_pat', identifier: 'ann', credentials: { apiKey: pat } });
    const response = await me('ann', 'figma_pat');
    expect(response.status).toBe(200);
    const sent = figma.requests('GET /v1/me').at(-1)!;
    expect(sent.headers['x-figma-token']).toBe(pat);
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('a refresh Figma refuses for the app\'s credentials (a rotated secret) puts the account in ERROR, not EXPIRED', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'figma_2', identifier: 'fay', code: 'code-good' });
    expect(callback.status).toBe(200);
    await t.ob.connections.upsert({ name: 'figma_2', provider: 'figma', clientId: CLIENT_ID, clientSecret: 'rotated-elsewhere', endpoints: { authorizationUrl: `${figma.url}/oauth`, tokenUrl: `${figma.url}/v1/oauth/token`, refreshUrl: `${figma.url}/v1/oauth/refresh`, apiBaseUrl: figma.url } });
    const failure = await t.ob.accounts.refresh({ connection: 'figma_2', identifier: 'fay' }).then(() => undefined, (error: unknown) => error);
    expect(isOnBehalfError(failure, 'ACCOUNT_ERROR')).toBe(true);
    expect(figma.requests('POST /v1/oauth/refresh').at(-1)!.headers.authorization).toMatch(/^Basic /);
    expect(await t.ob.accounts.get({ connection: 'figma_2', identifier: 'fay' })).toMatchObject({ status: 'ERROR', statusReason: expect.stringContaining('invalid_client') });
  });
});
