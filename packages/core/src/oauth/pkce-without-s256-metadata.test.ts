import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import { BASE_URL, createRecorder } from '../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * Authorization servers whose discovery metadata does not list S256 in
 * `code_challenge_methods_supported` (only `plain`, or an empty list): many servers accept PKCE
 * without advertising it, so S256 is still sent, and a warning says so once. Only a provider
 * definition with `pkce: false` turns PKCE off.
 */
describe('PKCE when discovery metadata lists no S256', () => {
  let server: Server;
  let origin: string;
  let t: TestOnBehalf;
  const recorder = createRecorder();
  const tokenRequests: Array<Record<string, string>> = [];
  const METADATA: Record<string, string[] | undefined> = { plain: ['plain'], empty: [], silent: undefined, refuses: ['plain'] };

  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', origin);
        const [, tenant, ...rest] = url.pathname.split('/');
        const issuer = `${origin}/${tenant}`;
        if (rest.join('/') === '.well-known/openid-configuration') {
          const methods = METADATA[tenant!];
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            response_types_supported: ['code'],
            ...(methods ? { code_challenge_methods_supported: methods } : {}),
          }));
          return;
        }
        let text = '';
        for await (const chunk of req) text += chunk;
        tokenRequests.push(Object.fromEntries(new URLSearchParams(text)));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `at-${tenant}-0123456789`, token_type: 'Bearer', expires_in: 3600 }));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const providers = Object.keys(METADATA).map((tenant) => defineProvider({
      id: tenant,
      name: `Tenant ${tenant}`,
      auth: { type: 'oauth2', issuer: `${origin}/${tenant}`, ...(tenant === 'refuses' ? { pkce: false } : {}) },
      api: { baseUrl: `${origin}/${tenant}/api` },
    }));
    t = await createTestOnBehalf('sqlite', {
      baseUrl: BASE_URL,
      logger: recorder.logger,
      providers,
      connections: Object.keys(METADATA).map((tenant) => ({ name: tenant, provider: tenant, clientId: `client-${tenant}`, clientSecret: `secret-${tenant}-0123456789` })),
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Opens a link, then comes back to the callback with a code, as the provider would redirect. */
  async function connect(connection: string, identifier: string): Promise<URL> {
    const { link } = await t.ob.accounts.authorizationLink({ connection, identifier });
    const start = await t.ob.handler(new Request(link));
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const callback = new URL(`${BASE_URL}/callback/${connection}`);
    callback.searchParams.set('code', `code-${identifier}`);
    callback.searchParams.set('state', location.searchParams.get('state')!);
    expect((await t.ob.handler(new Request(callback, { headers: { cookie } }))).status).toBe(200);
    return location;
  }

  const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
  const pkceWarnings = () => recorder.lines.filter((line) => line.startsWith('warn') && /S256/.test(line));

  it.each(['plain', 'empty'])('metadata listing %s methods: S256 is still sent and checked, with one warning per connection', async (connection) => {
    for (const identifier of ['alice', 'bob']) {
      const location = await connect(connection, `${connection}-${identifier}`);
      expect(location.searchParams.get('code_challenge_method')).toBe('S256');
      const verifier = tokenRequests.at(-1)!.code_verifier;
      expect(verifier).toMatch(/^[\w-]{43,128}$/);
      expect(s256(verifier!)).toBe(location.searchParams.get('code_challenge'));
    }
    const warnings = pkceWarnings().filter((line) => line.includes(`"connection":"${connection}"`));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('secret-');
  });

  it('metadata without the field: S256, and nothing to warn about', async () => {
    const location = await connect('silent', 'silent-alice');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(tokenRequests.at(-1)!.code_verifier).toBeTruthy();
    expect(pkceWarnings().filter((line) => line.includes('"connection":"silent"'))).toEqual([]);
  });

  it('a provider defined with pkce: false gets no code challenge and no warning', async () => {
    const location = await connect('refuses', 'refuses-alice');
    expect(location.searchParams.has('code_challenge')).toBe(false);
    expect(location.searchParams.has('code_challenge_method')).toBe(false);
    expect(tokenRequests.at(-1)!.code_verifier).toBeUndefined();
    expect(pkceWarnings().filter((line) => line.includes('"connection":"refuses"'))).toEqual([]);
  });
});
