import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createSandbox } from './create-sandbox.ts';
import { createTestOAuthClient } from '../test/support/test-oauth-client.ts';
import type { Sandbox } from './types.ts';

/**
 * The OAuth error code and HTTP status of a rejected openid-client call. openid-client only
 * parses error bodies of plain 400/401 answers; for others (the simulated 5xx outage) it throws
 * with the raw Response as `cause`.
 */
async function oauthError(promise: Promise<unknown>): Promise<{ error?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const { error: code, status, cause, response } = error as { error?: string; status?: number; cause?: unknown; response?: unknown };
    // 401 answers with a WWW-Authenticate challenge come as WWWAuthenticateChallengeError (error in the body).
    const raw = cause instanceof Response ? cause : code === undefined && response instanceof Response ? response : undefined;
    if (raw) {
      const body = await raw.json() as { error?: string };
      return { error: body.error, status: raw.status };
    }
    return { error: code, status };
  }
  throw new Error('expected the call to fail');
}

/** Sleeps until the wall clock has passed `epochMs`; oidc-provider expires tokens on whole seconds. */
async function waitUntilPast(epochMs: number): Promise<void> {
  const remaining = epochMs - Date.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, remaining) + 50));
}

describe('createSandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await createSandbox({ users: { alice: { name: 'Alice Moreau', email: 'alice@acme.test' } } });
  });
  afterAll(() => sandbox.close());

  it('serves OIDC discovery on 127.0.0.1 with every endpoint onbehalf needs', async () => {
    expect(sandbox.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.url).toBe(sandbox.issuer);
    const response = await fetch(`${sandbox.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = await response.json() as Record<string, unknown>;
    expect(metadata.issuer).toBe(sandbox.issuer);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint', 'introspection_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
      expect(metadata[endpoint], endpoint).toMatch(new RegExp(`^${sandbox.issuer}/`));
    }
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.grant_types_supported).toContain('refresh_token');
  });

  it('runs authorization code + PKCE S256 to access and refresh tokens', async () => {
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'alice', scope: 'openid email gmail.readonly' });

    expect(tokens.access_token).toBeTypeOf('string');
    expect(tokens.refresh_token).toBeTypeOf('string');
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    // An arbitrary API scope is granted alongside the OIDC ones, in one access token.
    expect(tokens.scope?.split(' ').sort()).toEqual(['email', 'gmail.readonly', 'openid']);
    expect(tokens.claims()?.sub).toBe('alice');

    const info = await sandbox.verifyAccessToken(tokens.access_token);
    expect(info).toMatchObject({ sub: 'alice', clientId: app.config.clientMetadata().client_id });
    expect(info?.scopes.sort()).toEqual(['email', 'gmail.readonly', 'openid']);
    expect(info!.expiresAt).toBeGreaterThan(Date.now());

    expect(await sandbox.introspect(tokens.access_token)).toMatchObject({
      active: true,
      sub: 'alice',
      client_id: app.config.clientMetadata().client_id,
      token_type: 'Bearer',
    });
    expect((await sandbox.introspect(tokens.access_token)).scope?.split(' ').sort()).toEqual(['email', 'gmail.readonly', 'openid']);
    expect(await sandbox.introspect(tokens.refresh_token!)).toMatchObject({ active: true, sub: 'alice' });

    const userinfo = await client.fetchUserInfo(app.config, tokens.access_token, 'alice');
    expect(userinfo).toMatchObject({ sub: 'alice', email: 'alice@acme.test' });
  });

  it('grants scopes without openid, as OAuth-only providers (Slack, GitHub) are asked', async () => {
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'bob', scope: 'chat:write channels:read' });
    expect(tokens.scope?.split(' ').sort()).toEqual(['channels:read', 'chat:write']);
    expect(tokens.refresh_token).toBeTypeOf('string');
    expect((await sandbox.verifyAccessToken(tokens.access_token))?.scopes.sort()).toEqual(['channels:read', 'chat:write']);
  });

  it('says unknown, malformed and refresh tokens are not valid access tokens', async () => {
    expect(await sandbox.verifyAccessToken('not-a-token')).toBeUndefined();
    expect(await sandbox.verifyAccessToken('')).toBeUndefined();
    expect(await sandbox.introspect('not-a-token')).toEqual({ active: false });
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
    expect(await sandbox.verifyAccessToken(tokens.refresh_token!)).toBeUndefined();
  });

  it('rotates refresh tokens: the new one works, the old one is invalid_grant and its reuse kills the grant', async () => {
    const app = await createTestOAuthClient(sandbox);
    const clientId = app.config.clientMetadata().client_id;
    const first = await app.authorize({ user: 'alice', scope: 'openid gmail.readonly' });

    const second = await app.refresh(first.refresh_token!);
    expect(second.refresh_token).toBeTypeOf('string');
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope?.split(' ').sort()).toEqual(['gmail.readonly', 'openid']);
    expect(await sandbox.verifyAccessToken(second.access_token)).toMatchObject({ sub: 'alice' });

    const third = await app.refresh(second.refresh_token!);
    expect(third.refresh_token).not.toBe(second.refresh_token);

    expect(await oauthError(app.refresh(first.refresh_token!))).toEqual({ error: 'invalid_grant', status: 400 });
    // Reuse detection: presenting a consumed refresh token revokes the whole grant.
    expect(await oauthError(app.refresh(third.refresh_token!))).toMatchObject({ error: 'invalid_grant' });
    expect(await sandbox.verifyAccessToken(third.access_token)).toBeUndefined();

    expect(sandbox.countTokenRequests({ grantType: 'refresh_token', clientId })).toBe(4);
    expect(sandbox.countTokenRequests({ grantType: 'refresh_token', clientId, ok: true })).toBe(2);
    expect(sandbox.countTokenRequests({ grantType: 'refresh_token', clientId, ok: false })).toBe(2);
    expect(sandbox.countTokenRequests({ grantType: 'authorization_code', clientId })).toBe(1);
    const failures = sandbox.tokenRequests.filter((r) => r.clientId === clientId && !r.ok);
    expect(failures.map((r) => [r.error, r.status])).toEqual([['invalid_grant', 400], ['invalid_grant', 400]]);
  });

  it('revokeGrants(user) ends refresh (invalid_grant) and deactivates access tokens of that user only', async () => {
    const app = await createTestOAuthClient(sandbox);
    const carol = await app.authorize({ user: 'carol', scope: 'openid gmail.readonly' });
    const dave = await app.authorize({ user: 'dave', scope: 'openid gmail.readonly' });

    await sandbox.revokeGrants('carol');

    expect(await sandbox.verifyAccessToken(carol.access_token)).toBeUndefined();
    expect(await sandbox.introspect(carol.access_token)).toEqual({ active: false });
    expect(await oauthError(app.refresh(carol.refresh_token!))).toMatchObject({ error: 'invalid_grant' });

    expect(await sandbox.verifyAccessToken(dave.access_token)).toMatchObject({ sub: 'dave' });
    expect((await app.refresh(dave.refresh_token!)).access_token).toBeTypeOf('string');

    // carol can authorize again after the revocation.
    const again = await app.authorize({ user: 'carol', scope: 'openid gmail.readonly' });
    expect(await sandbox.verifyAccessToken(again.access_token)).toMatchObject({ sub: 'carol' });
  });

  it('returns error=access_denied to the redirect URI when the user denies', async () => {
    const app = await createTestOAuthClient(sandbox);
    const { callbackUrl, state } = await app.consent({ user: 'alice', scope: 'openid gmail.readonly', deny: true });
    expect(`${callbackUrl.origin}${callbackUrl.pathname}`).toBe(app.redirectUri);
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect(callbackUrl.searchParams.get('state')).toBe(state);
    expect(callbackUrl.searchParams.get('iss')).toBe(sandbox.issuer);
    expect(callbackUrl.searchParams.has('code')).toBe(false);
  });

  it('failNextTokenRequests(1): the next token call gets 503, the following one works', async () => {
    const app = await createTestOAuthClient(sandbox);
    const clientId = app.config.clientMetadata().client_id;
    const tokens = await app.authorize({ user: 'alice', scope: 'openid' });

    sandbox.failNextTokenRequests(1);
    expect(await oauthError(app.refresh(tokens.refresh_token!))).toEqual({ error: 'temporarily_unavailable', status: 503 });
    // The outage happened in front of the provider: the refresh token was not consumed.
    const refreshed = await app.refresh(tokens.refresh_token!);
    expect(await sandbox.verifyAccessToken(refreshed.access_token)).toMatchObject({ sub: 'alice' });

    const refreshes = sandbox.tokenRequests.filter((r) => r.clientId === clientId && r.grantType === 'refresh_token');
    expect(refreshes.map((r) => [r.ok, r.status, r.error])).toEqual([[false, 503, 'temporarily_unavailable'], [true, 200, undefined]]);
  });

  it('failNextTokenRequests takes a status and a count', async () => {
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
    sandbox.failNextTokenRequests(2, 500);
    expect(await oauthError(app.refresh(tokens.refresh_token!))).toEqual({ error: 'server_error', status: 500 });
    expect(await oauthError(app.refresh(tokens.refresh_token!))).toEqual({ error: 'server_error', status: 500 });
    expect((await app.refresh(tokens.refresh_token!)).access_token).toBeTypeOf('string');
  });

  it('stallNextTokenRequests holds a call; a client that gave up meanwhile is dropped unprocessed', async () => {
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
    sandbox.stallNextTokenRequests(1, 400);
    const controller = new AbortController();
    const abandoned = fetch(`${sandbox.issuer}/token`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: app.config.clientMetadata().client_id }),
    }).catch((error: unknown) => error);
    while (sandbox.tokenRequestsInFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await abandoned;
    while (sandbox.tokenRequestsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sandbox.tokenRequests.at(-1)).toMatchObject({ ok: false, error: 'client_gone' });
    // Dropped before the provider saw it: the rotating refresh token was not consumed.
    expect((await app.refresh(tokens.refresh_token!)).access_token).toBeTypeOf('string');
  });

  it('rewriteNextTokenResponses garbles a processed answer; setTokenPolicy changes TTL and rotation', async () => {
    const app = await createTestOAuthClient(sandbox);
    const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
    let rotated: unknown;
    sandbox.rewriteNextTokenResponses(1, (body) => {
      rotated = body.refresh_token;
      return { refresh_token: body.refresh_token, access_token: 42 };
    });
    await expect(app.refresh(tokens.refresh_token!)).rejects.toThrow();
    expect(rotated).toBeTypeOf('string');
    // The refresh really happened: the old token is consumed, the one inside the garbage works.
    expect(await oauthError(app.refresh(tokens.refresh_token!))).toMatchObject({ error: 'invalid_grant' });

    const fresh = await app.authorize({ user: 'bob', scope: 'openid' });
    sandbox.setTokenPolicy({ accessTokenTtl: 7, rotateRefreshTokens: false });
    const next = await app.refresh(fresh.refresh_token!);
    expect(next.expires_in).toBe(7);
    expect(next.refresh_token ?? fresh.refresh_token).toBe(fresh.refresh_token);
    expect((await app.refresh(fresh.refresh_token!)).access_token).toBeTypeOf('string');
  });

  it('mounts extra routes with use(prefix, handler), leaving req.url untouched', async () => {
    sandbox.use('/x', (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
    sandbox.use('/x/deeper', (_req, res) => {
      res.end('deeper');
    });
    expect(await (await fetch(`${sandbox.url}/x/hello?a=1`)).json()).toEqual({ method: 'GET', url: '/x/hello?a=1' });
    expect(await (await fetch(`${sandbox.url}/x`, { method: 'POST' })).json()).toEqual({ method: 'POST', url: '/x' });
    expect(await (await fetch(`${sandbox.url}/x/deeper/1`)).text()).toBe('deeper');
    // A prefix matches whole segments only.
    expect((await fetch(`${sandbox.url}/xyz`)).status).toBe(404);
    expect(() => sandbox.use('/token', () => {})).toThrow(/shadow/);
  });

  it('answers 500 without details when a mounted handler throws', async () => {
    sandbox.use('/boom', () => {
      throw new Error('secret-token-value');
    });
    const original = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => { logged.push(args); };
    try {
      const response = await fetch(`${sandbox.url}/boom`);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('secret-token-value');
    } finally {
      console.error = original;
    }
    expect(JSON.stringify(logged)).not.toContain('secret-token-value');
  });
});

describe('createSandbox options', () => {
  it('honours accessTokenTtl: the access token is no longer valid once it expired', async () => {
    const sandbox = await createSandbox({ accessTokenTtl: 1 });
    try {
      const app = await createTestOAuthClient(sandbox);
      const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
      expect(tokens.expires_in).toBeLessThanOrEqual(1);
      const info = await sandbox.verifyAccessToken(tokens.access_token);
      expect(info).toBeDefined();

      await waitUntilPast(info!.expiresAt);

      expect(await sandbox.verifyAccessToken(tokens.access_token)).toBeUndefined();
      expect(await sandbox.introspect(tokens.access_token)).toEqual({ active: false });
      // The refresh token still works and yields a fresh access token.
      const refreshed = await app.refresh(tokens.refresh_token!);
      expect(await sandbox.verifyAccessToken(refreshed.access_token)).toMatchObject({ sub: 'alice' });
    } finally {
      await sandbox.close();
    }
  });

  it('keeps the refresh token when rotateRefreshTokens is false', async () => {
    const sandbox = await createSandbox({ rotateRefreshTokens: false });
    try {
      const app = await createTestOAuthClient(sandbox);
      const tokens = await app.authorize({ user: 'alice', scope: 'openid' });
      const first = await app.refresh(tokens.refresh_token!);
      const second = await app.refresh(tokens.refresh_token!);
      expect(first.refresh_token).toBe(tokens.refresh_token);
      expect(second.refresh_token).toBe(tokens.refresh_token);
      expect(sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true })).toBe(2);
    } finally {
      await sandbox.close();
    }
  });

  it('accepts clients given at creation, public clients, and the secret in the header or the body', async () => {
    const sandbox = await createSandbox({
      clients: [{ clientId: 'static', clientSecret: 'static-secret', redirectUris: ['http://127.0.0.1:1/cb'] }],
    });
    try {
      // HTTP Basic here; createTestOAuthClient posts the secret in the body by default.
      const config = await client.discovery(new URL(sandbox.issuer), 'static', undefined, client.ClientSecretBasic('static-secret'), { execute: [client.allowInsecureRequests] });
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: 'http://127.0.0.1:1/cb',
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const { callbackUrl } = await sandbox.consent(url, { user: 'alice' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier });
      expect(await sandbox.verifyAccessToken(tokens.access_token)).toMatchObject({ clientId: 'static' });

      const pub = await createTestOAuthClient(sandbox, { clientSecret: undefined, tokenEndpointAuthMethod: 'none' });
      expect((await pub.authorize({ user: 'alice', scope: 'openid' })).refresh_token).toBeTypeOf('string');

      const basic = await createTestOAuthClient(sandbox, { tokenEndpointAuthMethod: 'client_secret_basic' });
      const tokens2 = await basic.authorize({ user: 'alice', scope: 'openid' });

      // A wrong secret is invalid_client, recorded under the client id it claimed.
      const impostor = await client.discovery(new URL(sandbox.issuer), basic.registered.clientId, undefined,
        client.ClientSecretBasic('wrong'), { execute: [client.allowInsecureRequests] });
      expect(await oauthError(client.refreshTokenGrant(impostor, tokens2.refresh_token!))).toEqual({ error: 'invalid_client', status: 401 });
      expect(sandbox.tokenRequests.at(-1)).toMatchObject({
        grantType: 'refresh_token', clientId: basic.registered.clientId, ok: false, error: 'invalid_client', status: 401,
      });
    } finally {
      await sandbox.close();
    }
  });

  it('requires PKCE by default', async () => {
    const sandbox = await createSandbox();
    try {
      const app = await createTestOAuthClient(sandbox);
      const url = client.buildAuthorizationUrl(app.config, { redirect_uri: app.redirectUri, scope: 'openid', state: 'xyz' });
      const { callbackUrl } = await sandbox.consent(url, { user: 'alice' });
      expect(new URL(callbackUrl).searchParams.get('error')).toBe('invalid_request');
    } finally {
      await sandbox.close();
    }
  });

  it('validates clients when they are added', async () => {
    const sandbox = await createSandbox();
    try {
      expect(() => sandbox.addClient({ clientId: '', redirectUris: ['http://127.0.0.1/cb'] })).toThrow(TypeError);
      expect(() => sandbox.addClient({ clientId: 'a', redirectUris: [] })).toThrow(TypeError);
      expect(() => sandbox.addClient({ clientId: 'a', redirectUris: ['http://127.0.0.1/cb'], tokenEndpointAuthMethod: 'client_secret_post' })).toThrow(/clientSecret/);
    } finally {
      await sandbox.close();
    }
  });
});
