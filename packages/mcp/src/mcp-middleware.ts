import { onBehalfMiddleware } from '@onbehalf/koa';
import type { ToolsHost } from '@onbehalf/core';
import type { Middleware } from 'koa';
import { createMcpServer, type McpServerOptions } from './create-mcp-server.ts';

export interface McpMiddlewareOptions extends McpServerOptions {
  /** The path the MCP endpoint answers under; default the path of `resource`. */
  prefix?: string;
}

/**
 * The per-user MCP server as a Koa middleware, through `@onbehalf/koa`:
 * `app.use(mcpMiddleware(ob, { verifyToken, authorizationServers, resource }))`. Other paths go to
 * `next()`. SSE answers are streamed as they come.
 */
export function mcpMiddleware(ob: ToolsHost, options: McpMiddlewareOptions): Middleware {
  const { prefix: given, ...serverOptions } = options;
  const prefix = (given ?? new URL(options.resource).pathname).replace(/\/+$/, '');
  const mounted = onBehalfMiddleware(createMcpServer(ob, serverOptions), { prefix });
  return (ctx, next) => {
    // A JSON body parser (@koa/bodyparser) ahead of us read the stream: its result is JSON again,
    // which is what MCP speaks (the core bridge would otherwise re-encode an object as a form).
    const request = ctx.request as { body?: unknown };
    const inside = ctx.path === prefix || ctx.path.startsWith(`${prefix}/`);
    if (inside && ctx.req.readableEnded && request.body !== null && typeof request.body === 'object' && !Buffer.isBuffer(request.body)) {
      request.body = JSON.stringify(request.body);
    }
    return mounted(ctx, next);
  };
}
