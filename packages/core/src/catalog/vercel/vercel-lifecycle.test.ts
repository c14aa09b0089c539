import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRows } from '../../../test/support/account-rows.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { startWireServer, type WireRequest, type WireServer } from '../../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';

/**
 * Vercel's OAuth lifecycle against a local server answering as Vercel documents its authorization
 * server (vercel.com/docs/sign-in-with-vercel/authorization-server-api, /tokens): PKCE S256
 * required, the client secret by HTTP Basic, form bodies, one-hour access tokens and with
 * `offline_access` refresh tokens that rotate on use, RFC 7009 revocation (Basic only), and API
 * errors `{ error: { code, message } }`. Team resources take `?teamId=`.
 */

/** RFC 6749 §2.3.1: the id and secret are form-encoded inside Basic; the server decodes them. */
function basicClient(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const [id = '', secret = ''] = Buffer.from(header.slice(6), 'base64').toString().split(':');
  return `${decodeURIComponent(id.replace(/\+/g, ' '))}:${decodeURIComponent(secret.replace(/\+/g, ' '))}`;
}
const CLIENT = 'cl_vercel:vc-secret';

describe('Vercel lifecycle in Vercel\'s own dialect', () => {
  let vercel: WireServer;
  let t: TestOnBehalf;
  const challenges = new Map<string, string>();
  const liveAccess = new Set<string>();
  const liveRefresh = new Set<string>();
  let minted = 0;

  function mint() {
    minted += 1;
    const access = `vca_access_${minted}`;
    const refresh = `vcr_refresh_${minted}`;
    liveAccess.add(access);
    liveRefresh.add(refresh);
    return { access_token: access, token_type: 'Bearer', expires_in: 3600, refresh_token: refresh, scope: 'offline_access' };
  }

  const authorized = (request: WireRequest) => liveAccess.has(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
  const forbidden = { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } };

  beforeAll(async () => {
    vercel = await startWireServer({
      'POST /login/oauth/token': ({ headers, body, contentType }) => {
        if (basicClient(headers.authorization) !== CLIENT) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
        if (!contentType.startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request' } };
        if (body.grant_type === 'authorization_code') {
          const challenge = challenges.get(String(body.code));
          const verifier = String(body.code_verifier ?? '');
          if (!challenge || createHash('sha256').update(verifier).digest('base64url') !== challenge) return { status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed' } };
          challenges.delete(String(body.code));
          return { body: mint() };
        }
        if (body.grant_type === 'refresh_token') {
          return liveRefresh.delete(String(body.refresh_token)) ? { body: mint() } : { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } };
        }
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      },
      'POST /login/oauth/token/revoke': ({ headers, body }) => {
        if (basicClient(headers.authorization) !== CLIENT) return { status: 401, body: { error: 'invalid_client' } };
        liveRefresh.delete(String(body.token));
        liveAccess.delete(String(body.token));
        return { status: 200 };
      },
      'GET /v2/user': (request) => (authorized(request) ? { body: { user: { id: 'AEIIDYVk59zbFF2Sxfyxxmua', email: 'mia@acme.test', name: 'Mia', username: 'mia', defaultTeamId: null } } } : forbidden),
      'GET /v2/teams': (request) => (authorized(request) ? { body: { teams: [{ id: 'team_nLlpyC6REAqxydlFKbrMDlud', slug: 'acme', name: 'Acme' }], pagination: { count: 1, next: null, prev: null } } } : forbidden),
      'GET /v10/projects': (request) => (authorized(request) ? { body: { projects: [{ id: 'prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB', name: request.query.teamId ? 'team-storefront' : 'my-blog', framework: 'nextjs', updatedAt: 1764590400000 }], pagination: { count: 1, next: null, prev: null } } } : forbidden),
    });
    t = await createTestOnBehalf('sqlite', {
      baseUrl: 'http://localhost:3000/onbehalf',
      connections: [{
        name: 'vercel',
        provider: 'vercel',
        clientId: 'cl_vercel',
        clientSecret: 'vc-secret',
        endpoints: { authorizationUrl: `${vercel.url}/oauth/authorize`, tokenUrl: `${vercel.url}/login/oauth/token`, revocationUrl: `${vercel.url}/login/oauth/token/revoke`, apiBaseUrl: vercel.url },
      }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await vercel?.close();
  });

  /**
   * The person's browser through a link, with Vercel's authorize page played here: it issues `code`
   * for the PKCE challenge onbehalf sent, and the callback brings it back.
   */
  async function consent(identifier: string, code: string, fields?: Record<string, string>): Promise<{ authorize: URL; callback: Response }> {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'vercel', identifier, ...(fields ? { fields } : {}) });
    const start = await t.ob.handler(new Request(link));
    const authorize = new URL(start.headers.get('location')!);
    challenges.set(code, authorize.searchParams.get('code_challenge')!);
    const back = new URL(authorize.searchParams.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', authorize.searchParams.get('state')!);
    const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return { authorize, callback: await t.ob.handler(new Request(back, { headers: { cookie } })) };
  }

  it('sends PKCE and offline_access, authenticates with Basic, and keeps the user id', async () => {
    const { authorize, callback } = await consent('mia', 'code-mia');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('offline_access');
    expect(callback.status).toBe(200);
    expect(vercel.requests('POST /login/oauth/token')[0]!.body).toMatchObject({ grant_type: 'authorization_code', code_verifier: expect.any(String) });
    expect(await t.ob.accounts.get({ connection: 'vercel', identifier: 'mia' })).toMatchObject({ status: 'ACTIVE', values: { userId: 'AEIIDYVk59zbFF2Sxfyxxmua' } });
    const projects = await t.ob.tools.execute({ identifier: 'mia', tool: 'vercel_list_projects', input: {} });
    expect(projects.data).toMatchObject({ projects: [{ name: 'my-blog' }] });
  });

  it('a link naming a team keeps its teamId, and the tools then act in the team', async () => {
    expect((await consent('sam', 'code-sam', { team: 'acme' })).callback.status).toBe(200);
    expect((await t.ob.accounts.get({ connection: 'vercel', identifier: 'sam' })).values).toEqual({ team: 'acme', userId: 'AEIIDYVk59zbFF2Sxfyxxmua', teamId: 'team_nLlpyC6REAqxydlFKbrMDlud' });
    const projects = await t.ob.tools.execute({ identifier: 'sam', tool: 'vercel_list_projects', input: {} });
    expect(projects.data).toMatchObject({ projects: [{ name: 'team-storefront' }] });
    expect(vercel.requests('GET /v10/projects').at(-1)!.query).toMatchObject({ teamId: 'team_nLlpyC6REAqxydlFKbrMDlud' });
  });

  it('rotates the refresh token on refresh, and a refused one expires the account', async () => {
    const account = await t.ob.accounts.get({ connection: 'vercel', identifier: 'mia' });
    const rows = accountRows(t.database.url);
    try {
      await rows.expire(account.id);
      const first = await t.ob.accounts.getAccessToken({ connection: 'vercel', identifier: 'mia' });
      await rows.expire(account.id);
      const second = await t.ob.accounts.getAccessToken({ connection: 'vercel', identifier: 'mia' });
      expect(second.accessToken).not.toBe(first.accessToken);
      const refreshes = vercel.requests('POST /login/oauth/token').filter((r) => r.body.grant_type === 'refresh_token');
      expect(new Set(refreshes.map((r) => r.body.refresh_token)).size).toBe(refreshes.length);
      liveRefresh.clear();
      await rows.expire(account.id);
      await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'vercel', identifier: 'mia' }), 'ACCOUNT_EXPIRED');
    } finally {
      await rows.close();
    }
  });

  it('revokes at Vercel with RFC 7009 and Basic client auth', async () => {
    const revoked = await t.ob.accounts.revoke({ connection: 'vercel', identifier: 'sam' });
    expect(revoked).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const [request] = vercel.requests('POST /login/oauth/token/revoke');
    expect(basicClient(request!.headers.authorization)).toBe(CLIENT);
    expect(request).toMatchObject({ body: { token: expect.stringMatching(/^vcr_refresh_/), token_type_hint: 'refresh_token' } });
  });
});
