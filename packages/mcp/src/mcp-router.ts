import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { handleNodeRequest, type ToolsHost } from '@onbehalf/core';
import { createMcpServer, type McpServerOptions } from './create-mcp-server.ts';

export type McpRouterOptions = McpServerOptions;

/** What Express (4 and 5) and Connect hand a middleware, beyond Node's own request. */
type MountedRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * The per-user MCP server as an Express (or Connect, or plain `node:http`) middleware:
 * `app.use('/mcp', mcpRouter(ob, { verifyToken, authorizationServers, resource }))`, with `resource`
 * the public URL of that mount. Answers every request it receives (the MCP endpoint and its
 * Protected Resource Metadata under `/mcp/.well-known/oauth-protected-resource`); SSE answers are
 * streamed as they come, not buffered.
 */
export function mcpRouter(ob: ToolsHost, options: McpRouterOptions): (req: MountedRequest, res: ServerResponse, next?: (error?: unknown) => void) => void {
  const server = createMcpServer(ob, options);
  return (req, res, next) => {
    (async () => {
      // express.json() (or another parser) may have read the stream already: its result is
      // JSON again, which is what MCP speaks (the core bridge would re-encode it as a form).
      const consumed = req.readableEnded && req.body !== undefined && !Buffer.isBuffer(req.body) && typeof req.body !== 'string';
      const response = await handleNodeRequest(server, req, { url: req.originalUrl ?? req.url ?? '/', parsedBody: consumed ? JSON.stringify(req.body) : req.body });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      if (!response.body) return void res.end();
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      // A client that goes away ends the stream, which ends the exchange on the server side.
      res.on('close', () => body.destroy());
      body.pipe(res);
    })().catch((error: unknown) => (next ? next(error) : res.writeHead(500).end()));
  };
}
