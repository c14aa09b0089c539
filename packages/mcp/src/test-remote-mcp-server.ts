// Test support: a remote MCP server built with the official SDK, an OAuth 2.1 resource server
// whose authorization server is the sandbox (tokens must be issued for its URL as the resource).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { handleNodeRequest } from '@onbehalf/core';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import type { Sandbox } from '@onbehalf/sandbox';
import { z } from 'zod';
import { metadataUrlOf, PRM_PATH, protectedResourceMetadata } from './protected-resource-metadata.ts';
import { createResourceServer } from './resource-server.ts';

export interface RemoteMcpServer {
  url: string;
  /** Adds the `forecast` tool and tells listening clients the list changed. */
  addForecastTool(): void;
  /** Bearer tokens each tool call came with, in order. */
  readonly callTokens: string[];
  close(): Promise<void>;
}

export async function startRemoteMcpServer(sandbox: Sandbox): Promise<RemoteMcpServer> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  const resource = new URL(url);
  const resourceMetadataUrl = metadataUrlOf(resource, 'mounted');
  const metadata = protectedResourceMetadata({ resource, authorizationServers: [sandbox.issuer], scopesSupported: ['weather'] });
  const authenticate = createResourceServer({
    resource,
    requiredScopes: [],
    resourceMetadataUrl,
    // Only tokens the sandbox issued for this very resource (RFC 8707 audience).
    verifyToken: async (token) => {
      const info = await sandbox.verifyAccessToken(token);
      return info ? { identifier: info.sub, scopes: info.scopes, audience: info.audience ?? [] } : null;
    },
  });
  let withForecast = false;
  const callTokens: string[] = [];

  const mcp = createMcpHandler(({ authInfo }) => {
    const who = String(authInfo?.extra?.['identifier']);
    const token = authInfo?.token ?? '';
    const server = new McpServer({ name: 'weather', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
    server.registerTool('whoami', { description: 'Who the token belongs to.', inputSchema: z.object({}), annotations: { readOnlyHint: true } }, async () => {
      callTokens.push(token);
      return { content: [{ type: 'text', text: who }], structuredContent: { user: who } };
    });
    server.registerTool('get-temperature', { description: 'The temperature in a city.', inputSchema: z.object({ city: z.string() }) }, async ({ city }) => {
      callTokens.push(token);
      if (city === 'Atlantis') return { isError: true, content: [{ type: 'text', text: `No such city: ${city}` }] };
      return { content: [{ type: 'text', text: `${city}: 21°C for ${who}` }] };
    });
    if (withForecast) {
      server.registerTool('forecast', { description: 'Tomorrow’s weather.', inputSchema: z.object({ city: z.string() }) }, async ({ city }) => ({ content: [{ type: 'text', text: `${city}: sunny` }] }));
    }
    return server;
  });

  const handler = async (request: Request): Promise<Response> => {
    // At RFC 9728's path-inserted location and under the endpoint alike.
    if (new URL(request.url).pathname.includes(PRM_PATH)) return Response.json(metadata);
    const principal = await authenticate(request);
    if (principal instanceof Response) return principal;
    return mcp.fetch(request, { authInfo: { token: principal.token, clientId: 'onbehalf', scopes: principal.scopes, extra: { identifier: principal.identifier } } });
  };
  http.on('request', (req, res) => {
    void handleNodeRequest({ handler }, req, { url: req.url ?? '/' }).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      res.on('close', () => body.destroy());
      body.pipe(res);
    });
  });

  return {
    url,
    callTokens,
    addForecastTool() {
      withForecast = true;
      mcp.notify.toolsChanged();
    },
    async close() {
      await mcp.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
