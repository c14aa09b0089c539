import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * GitHub App installation tokens through the public API, against a local server that answers
 * `POST /app/installations/{installation_id}/access_tokens` as GitHub documents it: the app JWT
 * (RS256, `iss` the app id, at most 10 minutes) verified with the app's public key, 201 with
 * `{ token, expires_at, permissions }`, 401 for a JWT it cannot verify, 404 for an unknown
 * installation. The API routes take only live installation tokens.
 */
const APP_ID = '123456';
const INSTALLATION = '4242';
const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** GitHub hands out PKCS#1 keys (BEGIN RSA PRIVATE KEY). */
const APP_PEM = app.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const KEY_PART = APP_PEM.split('\n')[4]!;
const ref = { connection: 'github_app', identifier: 'org_1' };

interface GitHubStandIn {
  origin: string;
  exchanges: Array<{ status: number; iat: number; exp: number }>;
  apiCalls: Array<{ path: string; authorization: string | undefined }>;
  /** Installation tokens GitHub still takes (revoking one makes the API answer 401). */
  live: Set<string>;
  server: Server;
}

async function startGitHub(): Promise<GitHubStandIn> {
  const state = { exchanges: [] as GitHubStandIn['exchanges'], apiCalls: [] as GitHubStandIn['apiCalls'], live: new Set<string>() };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const bearer = /^(?:bearer|token) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const exchange = /^\/app\/installations\/([^/]+)\/access_tokens$/.exec(url.pathname);
    if (exchange && req.method === 'POST') {
      try {
        const { payload } = await jwtVerify(bearer ?? '', app.publicKey, { algorithms: ['RS256'], issuer: APP_ID, requiredClaims: ['iat', 'exp'] });
        if (payload.exp! - payload.iat! > 600 || payload.iat! > Math.floor(Date.now() / 1000)) throw new Error('too long-lived');
        if (exchange[1] !== INSTALLATION) {
          state.exchanges.push({ status: 404, iat: payload.iat!, exp: payload.exp! });
          return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app', status: '404' });
        }
        const token = `ghs_${randomBytes(18).toString('base64url')}`;
        state.live.add(token);
        state.exchanges.push({ status: 201, iat: payload.iat!, exp: payload.exp! });
        return json(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'), permissions: { issues: 'write', metadata: 'read' }, repository_selection: 'all' });
      } catch {
        state.exchanges.push({ status: 401, iat: 0, exp: 0 });
        return json(res, 401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest', status: '401' });
      }
    }
    state.apiCalls.push({ path: url.pathname, authorization: req.headers.authorization });
    if (!bearer || !state.live.has(bearer)) return json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    if (url.pathname === '/installation/token' && req.method === 'DELETE') {
      state.live.delete(bearer);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/installation/repositories') return json(res, 200, { total_count: 1, repositories: [{ id: 1, name: 'widgets', full_name: 'acme/widgets' }] });
    if (url.pathname === '/repos/acme/widgets/issues' && req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const { title } = JSON.parse(text) as { title: string };
      return json(res, 201, { number: 7, title, state: 'open', html_url: 'https://github.com/acme/widgets/issues/7', labels: [], assignees: [] });
    }
    return json(res, 404, { message: 'Not Found' });
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { ...state, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeEachDialect('GitHub App installation tokens (jwt auth)', (dialect) => {
  let github: GitHubStandIn;
  let t: TestOnBehalf;
  beforeEach(async () => {
    github = await startGitHub();
    t = await createTestOnBehalf(dialect, { connections: [{ name: 'github_app', provider: 'github', auth: 'jwt', endpoints: { apiBaseUrl: github.origin } }] });
    await t.ob.migrate();
  });
  afterEach(async () => {
    await t.cleanup();
    await new Promise<void>((resolve) => github.server.close(() => resolve()));
  });

  const connect = (credentials: Record<string, string> = {}) =>
    t.ob.accounts.setCredentials({ ...ref, identifierType: 'org_id', credentials: { appId: APP_ID, installationId: INSTALLATION, privateKey: APP_PEM, ...credentials } });

  it('exchanges an app JWT for an installation token, caches it until due, and the tools use it as the bearer', async () => {
    await connect();
    const token = await t.ob.accounts.getAccessToken(ref);
    expect(token.accessToken).toMatch(/^ghs_/);
    expect(Math.abs(token.expiresAt!.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
    // The app JWT as GitHub asks: iat 60 s back for clock drift, 10 minutes in all.
    expect(github.exchanges).toEqual([{ status: 201, iat: expect.any(Number), exp: expect.any(Number) }]);
    expect(github.exchanges[0]!.exp - github.exchanges[0]!.iat).toBe(600);
    expect(github.exchanges[0]!.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 59);

    const response = await t.ob.fetch(ref, '/installation/repositories');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total_count: 1 });
    const { data } = await t.ob.tools.execute({ identifier: 'org_1', tool: 'github_create_issue', input: { owner: 'acme', repo: 'widgets', title: 'From the app' } });
    expect(data).toMatchObject({ number: 7, title: 'From the app' });
    expect(github.apiCalls.map((c) => c.authorization)).toEqual([`Bearer ${token.accessToken}`, `Bearer ${token.accessToken}`]);
    expect(github.exchanges).toHaveLength(1);

    const credentials = await t.ob.accounts.getCredentials(ref);
    expect(credentials).toEqual({ type: 'jwt', accessToken: token.accessToken, tokenType: 'Bearer', expiresAt: token.expiresAt, scopes: [], fields: { appId: APP_ID, installationId: INSTALLATION } });
  });

  it('a token GitHub stopped taking is re-minted once on the 401 and the request retried', async () => {
    await connect();
    const first = await t.ob.accounts.getAccessToken(ref);
    github.live.delete(first.accessToken);
    const response = await t.ob.fetch(ref, '/installation/repositories');
    expect(response.status).toBe(200);
    expect(github.exchanges.map((e) => e.status)).toEqual([201, 201]);
    const second = await t.ob.accounts.getAccessToken(ref);
    expect(second.accessToken).not.toBe(first.accessToken);

    // refresh() mints one now; revoke() revokes that token at GitHub and drops the key with it.
    const third = await t.ob.accounts.refresh(ref);
    expect(third.accessToken).not.toBe(second.accessToken);
    expect(github.exchanges).toHaveLength(3);
    expect(await t.ob.accounts.revoke(ref)).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(github.live.has(third.accessToken)).toBe(false);
    expect(github.apiCalls.at(-1)).toEqual({ path: '/installation/token', authorization: `Bearer ${third.accessToken}` });
    await expect(t.ob.accounts.getAccessToken(ref)).rejects.toMatchObject({ code: 'ACCOUNT_REVOKED' });
    expect(github.exchanges).toHaveLength(3);
  });

  it('refuses a key that cannot sign RS256 at setCredentials, and a key GitHub does not know puts the account in ERROR', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    for (const privateKey of ['-----BEGIN RSA PRIVATE KEY-----\nnope\n-----END RSA PRIVATE KEY-----', ec, app.publicKey.export({ type: 'spki', format: 'pem' }) as string]) {
      await expect(connect({ privateKey })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'privateKey' } });
    }
    await expect(connect({ installationId: 'not-a-number' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(github.exchanges).toEqual([]);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    await connect({ privateKey: stranger });
    const error = await t.ob.accounts.getAccessToken(ref).catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'ACCOUNT_ERROR' });
    const account = await t.ob.accounts.get(ref);
    expect(account.status).toBe('ERROR');
    expect(account.statusReason).toContain('HTTP 401');
    expect(JSON.stringify([error, account])).not.toContain(KEY_PART);

    // Fixing the key brings the account back.
    await connect();
    expect((await t.ob.accounts.getAccessToken(ref)).accessToken).toMatch(/^ghs_/);
  });

  it('the hosted form takes the app key pasted into one line; a bad key is asked for again on the same link', async () => {
    const { link } = await t.ob.accounts.authorizationLink(ref);
    const page = await t.ob.handler(new Request(link));
    const html = await page.text();
    for (const field of ['appId', 'installationId', 'privateKey']) expect(html).toContain(`name="${field}"`);
    expect(html).toMatch(/type="password"[^>]*name="privateKey"|name="privateKey"[^>]*type="password"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (privateKey: string) => t.ob.handler(new Request(link, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, appId: APP_ID, installationId: INSTALLATION, privateKey }).toString(),
    }));

    const refused = await post('-----BEGIN RSA PRIVATE KEY----- nope -----END RSA PRIVATE KEY-----');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('privateKey is not a private key');
    const connected = await post(APP_PEM.trim().replace(/\n/g, ' '));
    expect(connected.status).toBe(200);
    expect(await connected.text()).toContain('connected');
    expect((await t.ob.accounts.getAccessToken(ref)).accessToken).toMatch(/^ghs_/);
  });

  it('an unknown installation is refused with GitHub\'s 404 and the account is in ERROR', async () => {
    await connect({ installationId: '999' });
    await expect(t.ob.accounts.getAccessToken(ref)).rejects.toMatchObject({ code: 'ACCOUNT_ERROR' });
    expect((await t.ob.accounts.get(ref)).statusReason).toContain('HTTP 404');
  });
});
