import { randomBytes } from 'node:crypto';
import { AuthorizationRequiredError, bindTool, createOnBehalf, selectToolSpecs, type OnBehalf } from '@onbehalf/core';
import { createSandbox, type Sandbox } from '@onbehalf/sandbox';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineMcpProvider, registerMcpConnection, type McpProvider } from './index.ts';
import { startRemoteMcpServer, type RemoteMcpServer } from './test-remote-mcp-server.ts';

// A remote MCP server (the official SDK, protected by the sandbox authorization server, which
// registers clients dynamically and issues resource-bound, short-lived tokens with rotating
// refresh tokens) as an onbehalf provider: registration, consent, tools in ob.tools, per-user calls.
const BASE_URL = 'http://app.test/onbehalf';
const TTL_SECONDS = 1;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
// The vault on SQLite, and on PostgreSQL (a fresh schema) when ONBEHALF_TEST_POSTGRES_URL is set.
const POSTGRES = process.env.ONBEHALF_TEST_POSTGRES_URL;
const dialects = POSTGRES ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

async function databaseFor(dialect: 'sqlite' | 'postgres'): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { url: ':memory:', drop: async () => {} };
  const schema = `ob_mcp_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(POSTGRES!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.href, drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

describe.each(dialects)('a remote MCP server as a provider [%s]', (dialect) => {
  let sandbox: Sandbox;
  let remote: RemoteMcpServer;
  let weather: McpProvider;
  let ob: OnBehalf;
  let database: { url: string; drop(): Promise<void> };

  async function authorize(link: string, user: string): Promise<URL> {
    const start = await ob.handler(new Request(link));
    expect(start.status).toBe(302);
    const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const authorizationUrl = new URL(start.headers.get('location')!);
    const { callbackUrl } = await sandbox.consent(authorizationUrl, { user });
    const callback = await ob.handler(new Request(callbackUrl, { headers: { cookie } }));
    expect(callback.status).toBeLessThan(400);
    return authorizationUrl;
  }

  beforeAll(async () => {
    sandbox = await createSandbox({ accessTokenTtl: TTL_SECONDS, rotateRefreshTokens: true });
    remote = await startRemoteMcpServer(sandbox);
    weather = defineMcpProvider({ id: 'weather', name: 'Weather', url: remote.url });
    database = await databaseFor(dialect);
    ob = createOnBehalf({ database: database.url, encryptionKey: randomBytes(32).toString('base64'), baseUrl: BASE_URL, logger: quiet, providers: [weather] });
    await ob.migrate();
  });

  afterAll(async () => {
    await weather.close();
    await ob.close();
    await remote.close();
    await sandbox.close();
    await database.drop();
  });

  it('finds the authorization server from the protected resource metadata and registers the app dynamically, once', async () => {
    const first = await registerMcpConnection(ob, { connection: 'weather', provider: weather });
    expect(first).toMatchObject({ method: 'dynamic_registration', issuer: sandbox.issuer });
    expect(first.connection).toMatchObject({ provider: 'weather', endpoints: { issuer: sandbox.issuer }, hasClientSecret: true, scopes: ['weather'] });
    const again = await registerMcpConnection(ob, { connection: 'weather', provider: weather });
    expect(again.method).toBe('existing');
    expect(again.connection.clientId).toBe(first.connection.clientId);
  });

  it('lists no tools while nobody is connected, and asks for consent with PKCE and the resource', async () => {
    expect((await ob.tools.list()).filter((t) => t.provider === 'weather')).toEqual([]);
    const { link } = await ob.accounts.authorizationLink({ connection: 'weather', identifier: 'alice' });
    const authorizationUrl = await authorize(link, 'alice');
    expect(authorizationUrl.origin).toBe(new URL(sandbox.issuer).origin);
    expect(authorizationUrl.searchParams.get('resource')).toBe(remote.url);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect((await ob.accounts.get({ connection: 'weather', identifier: 'alice' })).status).toBe('ACTIVE');
  });

  it('lists the server’s tools like built-in ones, in every dialect', async () => {
    const tools = await ob.tools.list({ providers: ['weather'] });
    expect(tools.map((t) => t.name).sort()).toEqual(['weather_get_temperature', 'weather_whoami']);
    const temperature = tools.find((t) => t.name === 'weather_get_temperature')!;
    expect(temperature).toMatchObject({ connection: 'weather', description: 'The temperature in a city.', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } });
    expect(tools.find((t) => t.name === 'weather_whoami')?.writes).toBe(false);
    const strict = await ob.tools.list({ providers: ['weather'], dialect: 'openai-strict' });
    expect(strict.find((t) => t.name === 'weather_get_temperature')?.inputSchema).toMatchObject({ additionalProperties: false });
  });

  it('hands the tools to agent adapters bound to one identifier', async () => {
    const [whoami] = await selectToolSpecs(ob, { identifier: 'alice', tools: ['weather_whoami'] });
    expect(await bindTool(ob, whoami!, { identifier: 'alice' })({})).toMatchObject({ ok: true, data: { user: 'alice' } });
    expect(await bindTool(ob, whoami!, { identifier: 'carol' })({})).toMatchObject({ ok: false, error: { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING' } });
  });

  it('runs a tool with the caller’s own token; an unconnected caller gets the link and succeeds after consent', async () => {
    const forAlice = await ob.tools.execute({ identifier: 'alice', tool: 'weather_whoami', input: {} });
    expect(forAlice.data).toEqual({ user: 'alice' });
    const refused = await ob.tools.execute({ identifier: 'bob', tool: 'weather_whoami', input: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AuthorizationRequiredError);
    const link = (refused as AuthorizationRequiredError).authorizationLink!;
    expect(link).toMatch(/^http:\/\/app\.test\/onbehalf\/authorize\//);
    await authorize(link, 'bob');
    expect((await ob.tools.execute({ identifier: 'bob', tool: 'weather_get_temperature', input: { city: 'Oslo' } })).data).toBe('Oslo: 21°C for bob');
    // The remote server's own tool error reaches the caller as a provider error, input validated first.
    await expect(ob.tools.execute({ identifier: 'bob', tool: 'weather_get_temperature', input: { city: 'Atlantis' } })).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR', message: expect.stringContaining('No such city: Atlantis') });
    await expect(ob.tools.execute({ identifier: 'bob', tool: 'weather_get_temperature', input: {} })).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
  });

  it('refreshes an expired token once under the lease, with the rotated refresh token, and keeps working', async () => {
    const refreshes = () => sandbox.countTokenRequests({ grantType: 'refresh_token', ok: true });
    const before = refreshes();
    const used = new Set(remote.callTokens);
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 100));
    const [a, b] = await Promise.all([
      ob.tools.execute({ identifier: 'alice', tool: 'weather_whoami', input: {} }),
      ob.tools.execute({ identifier: 'alice', tool: 'weather_get_temperature', input: { city: 'Bergen' } }),
    ]);
    expect(a.data).toEqual({ user: 'alice' });
    expect(b.data).toBe('Bergen: 21°C for alice');
    // Two concurrent calls on an expired token: one refresh between them.
    expect(refreshes() - before).toBe(1);
    // A second refresh presents the rotated refresh token: the sandbox would kill the grant on reuse.
    await ob.accounts.refresh({ connection: 'weather', identifier: 'alice' });
    expect((await ob.tools.execute({ identifier: 'alice', tool: 'weather_whoami', input: {} })).data).toEqual({ user: 'alice' });
    expect(sandbox.countTokenRequests({ grantType: 'refresh_token', ok: false })).toBe(0);
    expect(remote.callTokens.slice(-1).some((token) => used.has(token))).toBe(false);
    expect((await ob.accounts.get({ connection: 'weather', identifier: 'alice' })).status).toBe('ACTIVE');
  });

  it('picks up a changed tool list when the server says so', async () => {
    remote.addForecastTool();
    await vi.waitFor(async () => expect((await ob.tools.list({ providers: ['weather'] })).map((t) => t.name)).toContain('weather_forecast'), { timeout: 5_000, interval: 50 });
    expect((await ob.tools.execute({ identifier: 'bob', tool: 'weather_forecast', input: { city: 'Oslo' } })).data).toBe('Oslo: sunny');
  });
});
