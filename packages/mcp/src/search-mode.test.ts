import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALL_TOOL, SEARCH_TOOLS } from '@onbehalf/core';
import { createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, MCP_CLIENT_ID, MCP_REDIRECT_URI } from './test-mcp-client.ts';
import { mcpRouter, type VerifyToken } from './index.ts';

// The per-user MCP server in search mode, through the official client: two tools listed, the
// found tool's link while its account is unconnected, the link by URL elicitation on call_tool.
let t: Testbed;
let app: Server;
let url: string;

beforeAll(async () => {
  t = await createTestbed();
  const sandbox = t.provider.sandbox;
  sandbox.addClient({ clientId: MCP_CLIENT_ID, redirectUris: [MCP_REDIRECT_URI], tokenEndpointAuthMethod: 'none' });
  const web = express();
  app = createServer(web);
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/mcp`;
  const verifyToken: VerifyToken = async (token) => {
    const info = await sandbox.verifyAccessToken(token);
    return info && info.clientId === MCP_CLIENT_ID ? { identifier: info.sub, scopes: info.scopes, audience: info.audience ?? [] } : null;
  };
  web.use(express.json());
  web.use('/mcp', mcpRouter(t.ob, { resource: url, authorizationServers: [sandbox.issuer], requiredScopes: ['mcp'], verifyToken, mode: 'search' }));
});

afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
  await t.close();
});

describe("per-user MCP server, mode: 'search'", () => {
  it('lists search_tools and call_tool only; the search names the unconnected account’s link; call_tool runs after consent', async () => {
    const links: string[] = [];
    const messages: string[] = [];
    const dana = await connectClient(url, t.provider.sandbox, 'dana', {
      onConnectLink: async (link, message) => {
        links.push(link);
        messages.push(message);
        await t.authorize(link, 'dana');
      },
    });
    try {
      const { tools } = await dana.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([SEARCH_TOOLS, CALL_TOOL]);
      const search = await dana.client.callTool({ name: SEARCH_TOOLS, arguments: { query: 'show my unread emails' } });
      expect(search.isError).toBeFalsy();
      const found = (search.structuredContent as { tools: Array<Record<string, unknown>> }).tools;
      expect(found[0]).toMatchObject({ name: 'gmail_fetch_mails', inputSchema: { type: 'object' }, authorization: { error: 'AUTHORIZATION_REQUIRED', authorizationLink: expect.stringMatching(/\/authorize\//) } });

      // call_tool meets the unconnected account: the client is handed the link, the person consents, the call runs.
      const mails = await dana.client.callTool({ name: CALL_TOOL, arguments: { name: 'gmail_fetch_mails', input: { maxResults: 2 } } });
      expect(links).toHaveLength(1);
      // The request names the account the found tool needs, not the meta-tool.
      expect(messages[0]).toMatch(/Gmail account of 'dana'.*connection 'gmail'/);
      expect(mails.isError).toBeFalsy();
      expect(JSON.parse((mails.content as Array<{ text: string }>)[0]!.text)).toHaveLength(2);
      const again = await dana.client.callTool({ name: SEARCH_TOOLS, arguments: { query: 'show my unread emails' } });
      expect((again.structuredContent as { tools: Array<Record<string, unknown>> }).tools[0]).not.toHaveProperty('authorization');
    } finally {
      await dana.close();
    }
  });
});
