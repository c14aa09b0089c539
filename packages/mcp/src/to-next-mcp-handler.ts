import type { ToolsHost } from '@onbehalf/core';
import { createMcpServer, type McpServerOptions } from './create-mcp-server.ts';

/** An App Router route handler (`NextRequest` is a `Request`; the catch-all params are not needed). */
export type NextMcpRouteHandler = (req: Request, ctx?: { params: Promise<unknown> }) => Promise<Response>;

/**
 * Route handlers for `app/mcp/[[...mcp]]/route.ts` (the optional catch-all also serves the
 * Protected Resource Metadata under `/mcp/.well-known/…`):
 * `export const { GET, POST, DELETE, OPTIONS } = toNextMcpHandler(ob, { verifyToken, authorizationServers, resource })`.
 * DELETE ends a session and OPTIONS answers browser-based clients' preflight of the metadata.
 */
export function toNextMcpHandler(ob: ToolsHost, options: McpServerOptions): Record<'GET' | 'POST' | 'DELETE' | 'OPTIONS', NextMcpRouteHandler> {
  const server = createMcpServer(ob, options);
  const handle: NextMcpRouteHandler = (req) => server.handler(req);
  return { GET: handle, POST: handle, DELETE: handle, OPTIONS: handle };
}
