import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { createSandbox } from './create-sandbox.ts';
import { createTestOAuthClient } from '../test/support/test-oauth-client.ts';
import type { TestOAuthClient } from '../test/support/test-oauth-client.ts';
import type { Sandbox } from './types.ts';
import { createUserAgent } from './user-agent.ts';

describe('createUserAgent', () => {
  let sandbox: Sandbox;
  let app: TestOAuthClient;

  beforeAll(async () => {
    sandbox = await createSandbox();
    app = await createTestOAuthClient(sandbox);
  });
  afterAll(() => sandbox.close());

  const authorizationUrl = (): URL => client.buildAuthorizationUrl(app.config, {
    redirect_uri: app.redirectUri,
    scope: 'openid gmail.readonly',
    state: client.randomState(),
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });

  it('keeps its session like a browser: the second authorization skips sign-in and consent', async () => {
    const agent = createUserAgent({ origin: sandbox.issuer });
    const first = new URL((await agent.consent(authorizationUrl(), { user: 'alice' })).callbackUrl);
    expect(first.searchParams.get('code')).toBeTruthy();

    const second = new URL((await agent.consent(authorizationUrl(), { user: 'alice' })).callbackUrl);
    expect(second.searchParams.get('code')).toBeTruthy();
    // No consent screen any more (the grant exists), so there is nothing to deny.
    await expect(agent.consent(authorizationUrl(), { user: 'alice', deny: true })).rejects.toThrow(/no consent screen/);
  });

  it('signs in again when asked to act as another user', async () => {
    const agent = createUserAgent({ origin: sandbox.issuer });
    await agent.consent(authorizationUrl(), { user: 'alice' });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(app.config, {
      redirect_uri: app.redirectUri,
      scope: 'openid',
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const { callbackUrl } = await agent.consent(url, { user: 'bob' });
    const tokens = await client.authorizationCodeGrant(app.config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()?.sub).toBe('bob');
  });

  it('explains where it got stuck, e.g. on an unregistered redirect URI', async () => {
    const url = client.buildAuthorizationUrl(app.config, {
      redirect_uri: 'http://127.0.0.1:1/not-registered',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    await expect(sandbox.consent(url, { user: 'alice' })).rejects.toThrow(/stuck at \/auth \(HTTP 400\).*redirect_uri/);
  });
});
