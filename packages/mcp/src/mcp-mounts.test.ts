import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import Koa from 'koa';
import { NextRequest } from 'next/server.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, MCP_CLIENT_ID, MCP_REDIRECT_URI } from './test-mcp-client.ts';
import { toNextMcpHandler, type VerifyToken } from './index.ts';
import { mcpMiddleware } from './koa.ts';

// The same per-user server mounted in a real Koa app (with and without a JSON body parser ahead
// of it) and as real Next route handlers fed real NextRequests; the official client does OAuth at
// the sandbox and calls a tool through each mount.
let t: Testbed;
let verifyToken: VerifyToken;
const READ = 'gmail_fetch_mails';

beforeAll(async () => {
  t = await createTestbed();
  const sandbox = t.provider.sandbox;
  sandbox.addClient({ clientId: MCP_CLIENT_ID, redirectUris: [MCP_REDIRECT_URI], tokenEndpointAuthMethod: 'none' });
  verifyToken = async (token) => {
    const info = await sandbox.verifyAccessToken(token);
    return info && info.clientId === MCP_CLIENT_ID ? { identifier: info.sub, scopes: info.scopes, audience: info.audience ?? [] } : null;
  };
  await t.connect('alice', 'alice');
});

afterAll(async () => {
  await t.close();
});

/** What @koa/bodyparser does for JSON: reads the stream and leaves the parsed value on ctx.request.body. */
const jsonParser: Koa.Middleware = async (ctx, next) => {
  if (ctx.is('application/json')) {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    (ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
  }
  await next();
};

describe.each([
  ['Koa', false],
  ['Koa behind a JSON body parser', true],
] as const)('%s', (_name, parsed) => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // The resource URL names the port, so the app is built once the server listens.
    let callback: ReturnType<Koa['callback']> | undefined;
    server = createServer((req, res) => callback!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
    const app = new Koa();
    if (parsed) app.use(jsonParser);
    app.use(mcpMiddleware(t.ob, { resource: url, authorizationServers: [t.provider.sandbox.issuer], verifyToken }));
    app.use((ctx) => {
      ctx.body = 'the app';
    });
    callback = app.callback();
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the metadata, challenges a missing token and leaves other paths to the app', async () => {
    expect(await (await fetch(`${url}/.well-known/oauth-protected-resource`)).json()).toMatchObject({ resource: url, authorization_servers: [t.provider.sandbox.issuer] });
    const missing = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain(`resource_metadata="${url}/.well-known/oauth-protected-resource"`);
    expect(await (await fetch(url.replace(/\/mcp$/, '/mcp-not'))).text()).toBe('the app');
  });

  it('refuses a browser request from another site, and a rebound Host name (DNS rebinding)', async () => {
    const init = (headers: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await fetch(url, init({ origin: 'http://evil.example.com' }))).status).toBe(403);
    const { request } = await import('node:http');
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { host: 'evil.example.com', 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
    // The app's own pages may call it: the resource's origin is allowed (then the token is asked for).
    expect((await fetch(url, init({ origin: new URL(url).origin }))).status).toBe(401);
  });

  it('runs a tool for the token holder', async () => {
    const alice = await connectClient(url, t.provider.sandbox, 'alice');
    try {
      expect((await alice.client.listTools()).tools.map((tool) => tool.name)).toContain(READ);
      const result = await alice.client.callTool({ name: READ, arguments: { maxResults: 2 } });
      expect(result.isError).toBeFalsy();
      expect(t.provider.mocks.requests.at(-1)?.sub).toBe('alice');
    } finally {
      await alice.close();
    }
  });
});

describe('Next route handlers', () => {
  const url = 'https://app.example.com/mcp';
  let route: ReturnType<typeof toNextMcpHandler>;
  // The client's requests to the app go to the route handlers as NextRequests, the way Next
  // calls them; everything else (the sandbox) goes out over the network.
  const nextFetch: typeof fetch = async (input, init) => {
    const request = new NextRequest(input instanceof Request ? input : new Request(input, init));
    if (new URL(request.url).origin !== new URL(url).origin) return fetch(input, init);
    const method = request.method as keyof typeof route;
    if (!(method in route)) return new Response(null, { status: 405 });
    return route[method](request, { params: Promise.resolve({ mcp: new URL(request.url).pathname.split('/').slice(2) }) });
  };

  beforeAll(() => {
    route = toNextMcpHandler(t.ob, { resource: url, authorizationServers: [t.provider.sandbox.issuer], verifyToken });
  });

  it('serves the metadata, its preflight, and challenges a missing token', async () => {
    const metadata = await nextFetch(`${url}/.well-known/oauth-protected-resource`);
    expect(await metadata.json()).toMatchObject({ resource: url });
    expect((await nextFetch(`${url}/.well-known/oauth-protected-resource`, { method: 'OPTIONS' })).headers.get('access-control-allow-origin')).toBe('*');
    expect((await nextFetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });

  it('runs a tool for the token holder', async () => {
    const alice = await connectClient(url, t.provider.sandbox, 'alice', { fetch: nextFetch });
    try {
      const result = await alice.client.callTool({ name: READ, arguments: { maxResults: 2 } });
      expect(result.isError).toBeFalsy();
      expect(t.provider.mocks.requests.at(-1)?.sub).toBe('alice');
    } finally {
      await alice.close();
    }
  });
});
