import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * Local stand-ins for provider token endpoints that answer exactly as the providers document
 * them, including their deviations from RFC 6749.
 */
function startTokenServer(path: string, answer: (seen: WireRequest) => { status?: number; body: unknown }): Promise<WireServer> {
  return startWireServer({ [`POST ${path}`]: answer });
}

describe('provider token quirks', () => {
  let t: TestOnBehalf;
  let github: WireServer;
  let slack: WireServer;
  let notion: WireServer;

  beforeAll(async () => {
    // GitHub: failures come back as HTTP 200 with an `error` field; scopes are comma-separated.
    // After consent the GitHub provider reads who the token is (GET /user).
    github = await startWireServer({
      'POST /login/oauth/access_token': ({ body }) =>
        body.code === 'good'
          ? { body: { access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', scope: 'repo,read:user', token_type: 'bearer' } }
          : { body: { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code' } },
      'GET /user': () => ({ body: { login: 'octocat', id: 1, type: 'User' } }),
    });
    // Slack: the person's token sits under authed_user next to the bot token; errors are ok:false with HTTP 200.
    slack = await startTokenServer('/api/oauth.v2.access', ({ body }) =>
      body.code === 'good'
        ? { body: { ok: true, access_token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', token_type: 'bot', scope: 'commands,incoming-webhook', bot_user_id: 'U0KRQLJ9H', app_id: 'A0KRD7HC3', team: { name: 'Slack Pickleball Team', id: 'T9TK3CUKW' }, enterprise: null, authed_user: { id: 'U1234', scope: 'chat:write,channels:read', access_token: 'xoxp-1234567890-1234567890-1234567890-abcdef', token_type: 'user' } } }
        : { body: { ok: false, error: 'invalid_code' } },
    );
    // Notion: Basic client authentication, a JSON request body, tokens that never expire.
    notion = await startTokenServer('/v1/oauth/token', ({ contentType, headers }) =>
      contentType.startsWith('application/json') && headers.authorization?.startsWith('Basic ')
        ? { body: { access_token: 'secret_notionTokenAbcdefghijklmnopqrstuvwxyz0123', token_type: 'bearer', bot_id: 'b1', workspace_id: 'w1', workspace_name: 'Acme', workspace_icon: null, owner: { type: 'user', user: { id: 'u1' } }, duplicated_template_id: null } }
        : { status: 400, body: { error: 'invalid_request', error_description: 'body must be JSON' } },
    );
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'github', provider: 'github', clientId: 'Iv1.gh', clientSecret: 'gh-secret', endpoints: { authorizationUrl: `${github.url}/login/oauth/authorize`, tokenUrl: `${github.url}/login/oauth/access_token`, apiBaseUrl: github.url } },
        { name: 'slack', provider: 'slack', clientId: 'sl', clientSecret: 'sl-secret', scopes: ['chat:write', 'channels:read'], endpoints: { authorizationUrl: `${slack.url}/oauth/v2/authorize`, tokenUrl: `${slack.url}/api/oauth.v2.access` } },
        { name: 'notion', provider: 'notion', clientId: 'nt', clientSecret: 'nt-secret', endpoints: { authorizationUrl: `${notion.url}/v1/oauth/authorize`, tokenUrl: `${notion.url}/v1/oauth/token` } },
      ],
    });
    await t.ob.migrate();
  });

  afterAll(async () => {
    await t.cleanup();
    for (const s of [github, slack, notion]) await s.close();
  });

  async function authorizeWithCode(connection: string, identifier: string, code: string) {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection, identifier, code });
    return { location: authorizationUrl, response: callback };
  }

  it('GitHub: a 200-with-error is a failure, and comma scopes are split', async () => {
    const bad = await authorizeWithCode('github', 'u1', 'bad');
    expect(bad.response.status).toBe(502);
    const page = await bad.response.text();
    expect(page).toContain('bad_verification_code');
    expect(await t.ob.accounts.get({ connection: 'github', identifier: 'u1' })).toMatchObject({ status: 'PENDING', statusReason: 'bad_verification_code' });

    const good = await authorizeWithCode('github', 'u1', 'good');
    expect(good.response.status).toBe(200);
    expect(github.requests('POST /login/oauth/access_token').at(-1)).toMatchObject({ headers: expect.objectContaining({ accept: expect.stringContaining('application/json') }), body: expect.objectContaining({ client_secret: 'gh-secret', code: 'good' }) });
    const account = await t.ob.accounts.get({ connection: 'github', identifier: 'u1' });
    expect(account).toMatchObject({ status: 'ACTIVE', scopes: ['repo', 'read:user'], expiresAt: null });
    expect(await t.ob.accounts.getAccessToken({ connection: 'github', identifier: 'u1' })).toMatchObject({ accessToken: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', tokenType: 'Bearer' });
  });

  it('Slack: keeps the user token from authed_user; ok:false is a failure; scopes use commas', async () => {
    const bad = await authorizeWithCode('slack', 'u1', 'nope');
    expect(bad.response.status).toBe(502);
    expect(bad.location.searchParams.get('scope')).toBe('chat:write,channels:read');
    const good = await authorizeWithCode('slack', 'u1', 'good');
    expect(good.response.status).toBe(200);
    const creds = await t.ob.accounts.getCredentials({ connection: 'slack', identifier: 'u1' });
    expect(creds).toMatchObject({ type: 'oauth2', accessToken: 'xoxp-1234567890-1234567890-1234567890-abcdef', tokenType: 'Bearer', scopes: ['chat:write', 'channels:read'] });
  });

  it('Notion: JSON token request with Basic auth; a token without expiry is never refreshed', async () => {
    const good = await authorizeWithCode('notion', 'u1', 'good');
    expect(good.response.status).toBe(200);
    expect(good.location.searchParams.get('owner')).toBe('user');
    expect(notion.seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('nt:nt-secret').toString('base64')}`);
    expect(notion.seen.at(-1)!.body).toMatchObject({ grant_type: 'authorization_code', code: 'good' });
    expect(await t.ob.accounts.getAccessToken({ connection: 'notion', identifier: 'u1' })).toMatchObject({ expiresAt: null });
    expect(notion.seen).toHaveLength(1);
  });
});
