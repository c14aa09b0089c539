import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestbed, gmailPing, type Testbed } from '@onbehalf/e2e/agent-testbed';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, MCP_CLIENT_ID, MCP_REDIRECT_URI } from './test-mcp-client.ts';
import { createMcpServer, mcpRouter, type VerifyToken } from './index.ts';

// The per-user MCP server mounted in a real Express app, onbehalf with the real Gmail tools on the
// sandbox's Gmail mock, and the sandbox's OIDC server as the app's own authorization server: the
// official MCP client discovers it from the 401, gets a token for a sandbox user, and calls tools.
let t: Testbed;
let app: Server;
let url: string;
let otherUrl: string;

const READ = 'gmail_fetch_mails';

beforeAll(async () => {
  // Write tools wait for the person's yes (gmail_ping is one); reads run as they are.
  t = await createTestbed({ tools: [gmailPing], requireApproval: 'writes' });
  const sandbox = t.provider.sandbox;
  sandbox.addClient({ clientId: MCP_CLIENT_ID, redirectUris: [MCP_REDIRECT_URI], tokenEndpointAuthMethod: 'none' });
  const web = express();
  app = createServer(web);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/mcp`;
  otherUrl = url.replace(/\/mcp$/, '/other-mcp');
  // The app's identity provider is the sandbox: its token's subject is the onbehalf identifier,
  // and the token's audience is the resource the client asked it for.
  const verifyToken: VerifyToken = async (token) => {
    const info = await sandbox.verifyAccessToken(token);
    return info && info.clientId === MCP_CLIENT_ID ? { identifier: info.sub, scopes: info.scopes, audience: info.audience ?? [] } : null;
  };
  web.use(express.json());
  web.use('/mcp', mcpRouter(t.ob, { resource: url, authorizationServers: [sandbox.issuer], requiredScopes: ['mcp'], verifyToken }));
  // Another resource of the same app, to get a token whose audience is not /mcp.
  web.use('/other-mcp', mcpRouter(t.ob, { resource: otherUrl, authorizationServers: [sandbox.issuer], requiredScopes: ['mcp'], verifyToken }));
});

afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  await t.close();
});

describe('per-user MCP server', () => {
  it('serves Protected Resource Metadata naming the app authorization server', async () => {
    const response = await fetch(`${url}/.well-known/oauth-protected-resource`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ resource: url, authorization_servers: [t.provider.sandbox.issuer], bearer_methods_supported: ['header'], scopes_supported: ['mcp'] });
  });

  it('refuses a request without a token, or with a bad one, with a challenge naming the metadata', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) };
    const missing = await fetch(url, init);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(new RegExp(`^Bearer .*resource_metadata="${url}/.well-known/oauth-protected-resource"`));
    const bad = await fetch(url, { ...init, headers: { ...init.headers, authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('discovers the authorization server, authorizes with PKCE and the resource indicator, and lists the tools', async () => {
    const { client, oauth, close } = await connectClient(url, t.provider.sandbox, 'alice');
    try {
      expect(oauth.authorizationUrl?.origin).toBe(new URL(t.provider.sandbox.issuer).origin);
      expect(oauth.authorizationUrl?.searchParams.get('resource')).toBe(url);
      expect(oauth.authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256');
      expect(oauth.authorizationUrl?.searchParams.get('scope')).toContain('mcp');
      const { tools } = await client.listTools();
      const read = tools.find((tool) => tool.name === READ);
      expect(read?.description).toBeTruthy();
      // The identifier is never an argument: it comes from the token.
      expect(JSON.stringify(read?.inputSchema)).not.toMatch(/identifier/i);
    } finally {
      await close();
    }
  });

  it('acts for the token holder only: bob sees his own mailbox, not alice’s', async () => {
    await t.connect('alice', 'alice');
    await t.connect('bob', 'bob');
    const alice = await connectClient(url, t.provider.sandbox, 'alice');
    const bob = await connectClient(url, t.provider.sandbox, 'bob');
    try {
      const forAlice = await alice.client.callTool({ name: READ, arguments: { maxResults: 5 } });
      const forBob = await bob.client.callTool({ name: READ, arguments: { maxResults: 5 } });
      expect(forAlice.isError).toBeFalsy();
      expect(forBob.isError).toBeFalsy();
      const gmail = t.provider.mocks.requests.filter((r) => r.path.includes('/messages'));
      expect(new Set(gmail.map((r) => r.sub))).toEqual(new Set(['alice', 'bob']));
      expect(JSON.stringify(forAlice.content)).not.toEqual(JSON.stringify(forBob.content));
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  it('hands a modern client the authorization link by URL elicitation, and the call succeeds after consent', async () => {
    const links: string[] = [];
    const carol = await connectClient(url, t.provider.sandbox, 'carol', {
      onConnectLink: async (link) => {
        links.push(link);
        await t.authorize(link, 'carol');
      },
    });
    try {
      const result = await carol.client.callTool({ name: READ, arguments: { maxResults: 3 } });
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(/^http:\/\/app\.test\/onbehalf\/authorize\//);
      expect(result.isError).toBeFalsy();
      expect((await t.ob.accounts.get({ connection: 'gmail', identifier: 'carol' })).status).toBe('ACTIVE');
      expect(t.provider.mocks.requests.some((r) => r.sub === 'carol' && r.path.includes('/messages'))).toBe(true);
    } finally {
      await carol.close();
    }
  });

  it('answers a held write call with an approval request; after ob.tools.approve the retried call runs once', async () => {
    await t.connect('erin', 'erin');
    const erin = await connectClient(url, t.provider.sandbox, 'erin');
    const pings = () => t.provider.mocks.requests.filter((r) => r.sub === 'erin');
    try {
      const held = await erin.client.callTool({ name: 'gmail_ping', arguments: { note: 'hello' } });
      expect(held.isError).toBe(true);
      const request = held.structuredContent as { error: string; approvalId: string; tool: string; input: unknown };
      expect(request).toMatchObject({ error: 'APPROVAL_REQUIRED', approvalId: expect.stringMatching(/^apr_/), tool: 'gmail_ping', input: { note: 'hello' } });
      expect(JSON.stringify(held.content)).toContain('approval');
      expect(pings()).toEqual([]);

      // The app, not the model, approves: for this person only.
      expect(() => t.ob.tools.approve(request.approvalId, { identifier: 'alice' })).toThrow(expect.objectContaining({ code: 'APPROVAL_NOT_FOUND' }));
      t.ob.tools.approve(request.approvalId, { identifier: 'erin' });
      const ran = await erin.client.callTool({ name: 'gmail_ping', arguments: { note: 'hello' } });
      expect(ran.isError).toBeFalsy();
      expect(ran.structuredContent).toEqual({ note: 'hello', as: expect.stringMatching(/^erin@/) });
      expect(pings()).toHaveLength(1);
      // Single use: the next identical call is held again.
      expect((await erin.client.callTool({ name: 'gmail_ping', arguments: { note: 'hello' } })).structuredContent).toMatchObject({ error: 'APPROVAL_REQUIRED' });
      expect(pings()).toHaveLength(1);
    } finally {
      await erin.close();
    }
  });

  it('serves a 2025-era client statelessly, the link in a tool error it can show', async () => {
    const dave = await connectClient(url, t.provider.sandbox, 'dave', { era: 'legacy' });
    try {
      expect((await dave.client.listTools()).tools.map((tool) => tool.name)).toContain(READ);
      const result = await dave.client.callTool({ name: READ, arguments: {} });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/http:\/\/app\.test\/onbehalf\/authorize\/[A-Za-z0-9_-]+/);
      expect(result.structuredContent).toMatchObject({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING' });
    } finally {
      await dave.close();
    }
  });

  it('refuses a token issued for another resource, and one whose grant was revoked', async () => {
    const call = (token: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
      });
    const elsewhere = await connectClient(otherUrl, t.provider.sandbox, 'erin');
    const own = await connectClient(url, t.provider.sandbox, 'erin');
    try {
      const foreign = elsewhere.oauth.savedTokens!.access_token;
      expect((await t.provider.sandbox.verifyAccessToken(foreign))?.audience).toBe(otherUrl);
      const refused = await call(foreign);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const mine = own.oauth.savedTokens!.access_token;
      expect((await call(mine)).status).toBe(200);
      await t.provider.sandbox.revokeGrants('erin');
      expect((await call(mine)).status).toBe(401);
    } finally {
      await elsewhere.close();
      await own.close();
    }
  });
});

describe('resource server checks', () => {
  const post = (token?: string) =>
    new Request('https://app.example.com/mcp', {
      method: 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });

  it('answers a scope shortfall with 403 insufficient_scope, and never lets the app error leak', async () => {
    const server = createMcpServer(t.ob, {
      resource: 'https://app.example.com/mcp',
      authorizationServers: ['https://id.example.com'],
      requiredScopes: ['mcp', 'mcp:tools'],
      verifyToken: (token) => {
        if (token === 'boom') throw new Error(`identity provider down for ${token}`);
        return token === 'narrow' ? { identifier: 'alice', scopes: ['mcp'], audience: 'https://app.example.com/mcp' } : null;
      },
    });
    const narrow = await server.handler(post('narrow'));
    expect(narrow.status).toBe(403);
    expect(narrow.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect(narrow.headers.get('www-authenticate')).toContain('resource_metadata="https://app.example.com/mcp/.well-known/oauth-protected-resource"');
    const failing = await server.handler(post('boom'));
    expect(failing.status).toBe(500);
    expect(await failing.text()).not.toContain('boom');
    // RFC 9728's own location (the well-known path ahead of the resource path) is answered too.
    const metadata = await server.handler(new Request('https://app.example.com/.well-known/oauth-protected-resource/mcp'));
    expect(await metadata.json()).toMatchObject({ resource: 'https://app.example.com/mcp', scopes_supported: ['mcp', 'mcp:tools'] });
    await server.close();
  });
});
