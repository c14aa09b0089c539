import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * Bitbucket Cloud's OAuth lifecycle against a local server answering as Atlassian documents it
 * (developer.atlassian.com/cloud/bitbucket/oauth-2): the consumer's key and secret by HTTP Basic
 * (`curl -u key:secret`), form bodies, 2-hour tokens with `refresh_token`, `scopes` (not `scope`)
 * in the answer, errors `{ error, error_description }`; the workspaces at
 * `/2.0/user/permissions/workspaces`; no revocation endpoint.
 */

function basicClient(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const [id = '', secret = ''] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return `${decodeURIComponent(id)}:${decodeURIComponent(secret)}`;
}

describe('Bitbucket lifecycle in Bitbucket\'s own dialect', () => {
  let bitbucket: WireServer;
  let t: TestOnBehalf;
  const liveAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  const workspacesOf = new Map<string, string[]>();
  let minted = 0;

  function mint(workspaces: string[]) {
    minted += 1;
    const access = `bb-access-${minted}`;
    liveAccess.add(access);
    workspacesOf.set(access, workspaces);
    const refresh = `bb-refresh-${minted}`;
    liveRefresh.add(refresh);
    workspacesOf.set(refresh, workspaces);
    return { access_token: access, scopes: 'repository pullrequest account', expires_in: 7200, refresh_token: refresh, token_type: 'bearer', state: 'authorization_code' };
  }

  const token = (request: WireRequest) => request.headers.authorization?.replace(/^Bearer /, '') ?? '';
  const unauthorized = { status: 401, body: { type: 'error', error: { message: 'Access token expired. Use your refresh token to obtain a new access token.' } } };

  beforeAll(async () => {
    bitbucket = await startWireServer({
      'POST /site/oauth2/access_token': (request) => {
        if (basicClient(request.headers.authorization) !== 'bb-key:bb-secret') return { status: 401, body: { error: 'invalid_client', error_description: 'Client credentials missing; this request needs to be authenticated with the OAuth client id and secret' } };
        const { grant_type: grant, code, refresh_token: refresh } = request.body as Record<string, string>;
        if (grant === 'authorization_code') {
          const workspaces = ({ 'code-one': ['acme'], 'code-two': ['acme', 'globex'] } as Record<string, string[]>)[String(code)];
          return workspaces ? { body: mint(workspaces) } : { status: 400, body: { error: 'invalid_grant', error_description: `The authorization code is invalid or expired.` } };
        }
        if (grant === 'refresh_token') {
          if (!liveRefresh.has(String(refresh))) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh_token' } };
          return { body: { ...mint(workspacesOf.get(String(refresh))!), refresh_token: refresh, state: 'refresh_token' } };
        }
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      },
      'GET /2.0/user': (request) => (liveAccess.has(token(request)) ? { body: { type: 'user', display_name: 'Mia Krystof', uuid: '{d301aafa-d676-4ee0-88be-962be7417567}', account_id: '557058:c0b72ad0', nickname: 'mia' } } : unauthorized),
      'GET /2.0/user/permissions/workspaces': (request) => (liveAccess.has(token(request))
        ? { body: { pagelen: 100, page: 1, size: 1, values: workspacesOf.get(token(request))!.map((slug) => ({ type: 'workspace_membership', permission: 'owner', workspace: { type: 'workspace', slug, name: slug, uuid: '{00000000-0000-4000-8000-000000000001}' } })) } }
        : unauthorized),
      'GET /2.0/repositories/acme': (request) => (liveAccess.has(token(request)) ? { body: { pagelen: 10, size: 0, page: 1, values: [] } } : unauthorized),
    });
    t = await createTestOnBehalf('sqlite', {
      baseUrl: 'http://localhost:3000/onbehalf',
      connections: [{
        name: 'bitbucket',
        provider: 'bitbucket',
        clientId: 'bb-key',
        clientSecret: 'bb-secret',
        endpoints: { authorizationUrl: `${bitbucket.url}/site/oauth2/authorize`, tokenUrl: `${bitbucket.url}/site/oauth2/access_token`, apiBaseUrl: `${bitbucket.url}/2.0` },
      }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await bitbucket?.close();
  });

  it('authenticates the consumer with Basic, reads `scopes`, and keeps the only workspace', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'bitbucket', identifier: 'mia', code: 'code-one' });
    expect(authorizationUrl.searchParams.get('scope')).toBeNull();
    expect(callback.status).toBe(200);
    expect(basicClient(bitbucket.requests('POST /site/oauth2/access_token')[0]!.headers.authorization)).toBe('bb-key:bb-secret');
    expect(await t.ob.accounts.get({ connection: 'bitbucket', identifier: 'mia' })).toMatchObject({
      status: 'ACTIVE',
      scopes: ['repository', 'pullrequest', 'account'],
      values: { workspace: 'acme', userUuid: '{d301aafa-d676-4ee0-88be-962be7417567}' },
    });
    const listed = await t.ob.tools.execute({ identifier: 'mia', tool: 'bitbucket_list_repositories', input: {} });
    expect(listed.data).toEqual({ repositories: [] });
  });

  it('with several workspaces keeps none by default, or the one the link names', async () => {
    await consentWithCode(t.ob, { connection: 'bitbucket', identifier: 'sam', code: 'code-two' });
    expect((await t.ob.accounts.get({ connection: 'bitbucket', identifier: 'sam' })).values).toEqual({ userUuid: '{d301aafa-d676-4ee0-88be-962be7417567}' });
    await expectOnBehalfError(t.ob.tools.execute({ identifier: 'sam', tool: 'bitbucket_list_repositories', input: {} }), 'TOOL_INPUT_INVALID');
    await consentWithCode(t.ob, { connection: 'bitbucket', identifier: 'sam', code: 'code-two', fields: { workspace: 'globex' } });
    expect((await t.ob.accounts.get({ connection: 'bitbucket', identifier: 'sam' })).values).toMatchObject({ workspace: 'globex' });
    const refused = await consentWithCode(t.ob, { connection: 'bitbucket', identifier: 'kim', code: 'code-one', fields: { workspace: 'globex' } });
    expect(refused.callback.status).toBe(400);
  });

  it('refreshes with Basic and keeps the refresh token, and a refused one expires the account', async () => {
    const account = await t.ob.accounts.get({ connection: 'bitbucket', identifier: 'mia' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const refreshed = await t.ob.accounts.getAccessToken({ connection: 'bitbucket', identifier: 'mia' });
      expect(refreshed.accessToken).toMatch(/^bb-access-/);
      const refresh = bitbucket.requests('POST /site/oauth2/access_token').at(-1)!;
      expect(refresh.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'bb-refresh-1' });
      expect(basicClient(refresh.headers.authorization)).toBe('bb-key:bb-secret');
      liveRefresh.clear();
      await rows.expire(account.id);
      await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'bitbucket', identifier: 'mia' }), 'ACCOUNT_EXPIRED');
    } finally {
      await rows.close();
    }
  });

  it('revokes locally: Bitbucket has no revocation endpoint', async () => {
    const before = bitbucket.seen.length;
    expect(await t.ob.accounts.revoke({ connection: 'bitbucket', identifier: 'sam' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
    expect(bitbucket.seen.length).toBe(before);
  });
});
