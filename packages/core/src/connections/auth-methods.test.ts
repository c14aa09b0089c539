import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '@onbehalf/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineProvider } from '../providers/index.ts';
import { defineTool } from '../tools/index.ts';
import { testDialects } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { BASE_URL } from '../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * A provider with two auth methods (an OAuth app flow against the real sandbox authorization
 * server, and a personal API key), each with its own API base URL, and one tool that works with
 * either: the connection picks the method.
 */
describe.each(testDialects)('a provider with several auth methods [%s]', (dialect) => {
  let sandbox: Sandbox;
  let api: Server;
  let apiOrigin: string;
  let t: TestOnBehalf;
  const seen: Array<{ path: string; authorization: string | undefined }> = [];

  const whoami = defineTool({
    name: 'acme_whoami',
    provider: 'acme',
    description: 'Who the account is at Acme.',
    input: z.object({}),
    execute: (_input, ctx) => ctx.request<{ via: string; sub: string }>('/whoami'),
  });

  beforeAll(async () => {
    sandbox = await createSandbox();
    // The OAuth method's API takes sandbox-issued tokens; the key method's API takes one API key.
    api = createServer((req, res) => {
      void (async () => {
        const authorization = req.headers.authorization;
        seen.push({ path: req.url ?? '', authorization });
        const token = authorization?.replace(/^Bearer /, '') ?? '';
        const info = req.url === '/oauth-api/whoami' ? await sandbox.verifyAccessToken(token) : undefined;
        const ok = info ? { via: 'oauth2', sub: info.sub } : req.url?.startsWith('/key-api/') && token === 'key-123' ? { via: 'api_key', sub: 'key-owner' } : undefined;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ?? { message: 'bad credentials' }));
      })();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const acme = defineProvider({
      id: 'acme',
      name: 'Acme',
      auth: [
        { type: 'oauth2', issuer: sandbox.issuer, apiBaseUrl: `${apiOrigin}/oauth-api` },
        { type: 'api_key', fields: [{ name: 'apiKey', label: 'Acme API key', required: true, secret: true }] },
      ],
      api: { baseUrl: `${apiOrigin}/key-api`, verify: { path: '/whoami' } },
    });
    sandbox.addClient({ clientId: 'acme-app', clientSecret: 'acme-secret-0123456789', redirectUris: [`${BASE_URL}/callback/acme`] });
    t = await createTestOnBehalf(dialect, {
      baseUrl: BASE_URL,
      providers: [acme],
      tools: [whoami],
      connections: [
        { name: 'acme', provider: 'acme', clientId: 'acme-app', clientSecret: 'acme-secret-0123456789', scopes: ['openid'] },
        { name: 'acme_key', provider: 'acme', auth: 'api_key' },
      ],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await sandbox?.close();
    await new Promise<void>((resolve) => api.close(() => resolve()));
  });

  it('a connection uses the first method by default and the one it names otherwise', async () => {
    const oauth = await t.ob.connections.get('acme');
    const key = await t.ob.connections.get('acme_key');
    expect(oauth).toMatchObject({ authType: 'oauth2', redirectUri: `${BASE_URL}/callback/acme` });
    expect(key).toMatchObject({ authType: 'api_key', redirectUri: null });
  });

  it('the same tool acts through either method, on that method\'s base URL with its credentials', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'acme', identifier: 'u1' });
    const authorize = await t.ob.handler(new Request(link));
    expect(authorize.status).toBe(302);
    const cookie = (authorize.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const { callbackUrl } = await sandbox.consent(authorize.headers.get('location')!, { user: 'alice' });
    expect((await t.ob.handler(new Request(callbackUrl, { headers: { cookie } }))).status).toBe(200);
    expect((await t.ob.accounts.get({ connection: 'acme', identifier: 'u1' })).status).toBe('ACTIVE');
    await t.ob.accounts.setCredentials({ connection: 'acme_key', identifier: 'u1', credentials: { apiKey: 'key-123' } });

    const tools = await t.ob.tools.list({ providers: ['acme'] });
    expect(tools.map((s) => `${s.connection}:${s.name}`).sort()).toEqual(['acme:acme_whoami', 'acme_key:acme_key_acme_whoami']);

    seen.length = 0;
    const viaOAuth = await t.ob.tools.execute({ identifier: 'u1', tool: 'acme_whoami', input: {} });
    const viaKey = await t.ob.tools.execute({ identifier: 'u1', tool: 'acme_key_acme_whoami', input: {} });
    expect(viaOAuth.data).toEqual({ via: 'oauth2', sub: 'alice' });
    expect(viaKey.data).toEqual({ via: 'api_key', sub: 'key-owner' });
    expect(seen.map((s) => s.path)).toEqual(['/oauth-api/whoami', '/key-api/whoami']);
    expect(seen[1]!.authorization).toBe('Bearer key-123');
  });

  it('the hosted credential form of the key method verifies against that method\'s API', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'acme_key', identifier: 'u2' });
    const form = await t.ob.handler(new Request(link));
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Acme API key');
  });

  it('a method the provider does not offer is refused with a clear error', async () => {
    const unknown = await expectOnBehalfError(t.ob.connections.upsert({ name: 'acme_basic', provider: 'acme', auth: 'basic' }), 'CONNECTION_INVALID');
    expect(unknown.message).toMatch(/no 'basic' auth method \(it offers oauth2, api_key\)/);
    const noClient = await expectOnBehalfError(t.ob.connections.upsert({ name: 'acme_oauth2', provider: 'acme', auth: 'oauth2' }), 'CONNECTION_INVALID');
    expect(noClient.message).toMatch(/needs a clientId/);
  });

  it('ob.connections exposes no engine-only method (no decrypted client secret)', () => {
    expect(Object.keys(t.ob.connections).sort()).toEqual(['delete', 'get', 'list', 'upsert']);
    expect('resolve' in t.ob.connections).toBe(false);
    expect('providerOf' in t.ob.connections).toBe(false);
  });
});

describe('defineProvider with several auth methods', () => {
  it('keeps the declared order, the first is the default, one method per type', () => {
    const p = defineProvider({
      id: 'two',
      name: 'Two',
      auth: [{ type: 'oauth2', authorizationUrl: 'https://two.example/authorize', tokenUrl: 'https://two.example/token' }, { type: 'bearer' }],
      api: { baseUrl: 'https://api.two.example' },
    });
    expect(p.authMethods.map((m) => m.type)).toEqual(['oauth2', 'bearer']);
    expect(p.auth.type).toBe('oauth2');
    expect(() => defineProvider({ id: 'dup', name: 'Dup', auth: [{ type: 'bearer' }, { type: 'bearer' }], api: { baseUrl: 'https://x.example' } })).toThrow(/two 'bearer' auth methods/);
    expect(() => defineProvider({ id: 'none', name: 'None', auth: [], api: { baseUrl: 'https://x.example' } })).toThrow(/at least one auth method/);
  });
});
