// `@onbehalf/mcp/koa`: apart from the main entry so that only Koa apps need `@onbehalf/koa`.
export { mcpMiddleware } from './mcp-middleware.ts';
export type { McpMiddlewareOptions } from './mcp-middleware.ts';
