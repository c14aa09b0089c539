import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, MCP_CLIENT_ID, MCP_REDIRECT_URI } from './test-mcp-client.ts';
import { mcpRouter } from './index.ts';

// The per-user MCP server mounted in a real Express app, onbehalf with the real Gmail tools on the
// sandbox's Gmail mock, and the sandbox's OIDC server as the app's own authorization server: the
// official MCP client discovers it from the 401, gets a token for a sandbox user, and calls tools.
let t: Testbed;
let app: Server;
let url: string;

const READ = 'gmail_fetch_mails';

beforeAll(async () => {
  t = await createTestbed();
  const sandbox = t.provider.sandbox;
  sandbox.addClient({ clientId: MCP_CLIENT_ID, redirectUris: [MCP_REDIRECT_URI], tokenEndpointAuthMethod: 'none' });
  const web = express();
  app = createServer(web);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/mcp`;
  web.use(express.json());
  web.use(
    '/mcp',
    mcpRouter(t.ob, {
      resource: url,
      authorizationServers: [sandbox.issuer],
      // The app's identity provider is the sandbox: its token's subject is the onbehalf identifier.
      verifyToken: async (token) => {
        const info = await sandbox.verifyAccessToken(token);
        return info && info.clientId === MCP_CLIENT_ID ? { identifier: info.sub, scopes: info.scopes } : null;
      },
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  await t.close();
});

describe('per-user MCP server', () => {
  it('serves Protected Resource Metadata naming the app authorization server', async () => {
    const response = await fetch(`${url}/.well-known/oauth-protected-resource`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ resource: url, authorization_servers: [t.provider.sandbox.issuer], bearer_methods_supported: ['header'] });
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
});
