export { createMcpServer } from './create-mcp-server.ts';
export type { McpServerOptions, OnBehalfMcpServer } from './create-mcp-server.ts';
export { mcpRouter } from './mcp-router.ts';
export type { McpRouterOptions } from './mcp-router.ts';
export { serveMcpStdio } from './serve-mcp-stdio.ts';
export type { ServeMcpStdioOptions } from './serve-mcp-stdio.ts';
export { createToolServer } from './tool-server.ts';
export type { ToolSelection, ToolServerOptions } from './tool-server.ts';
export type { VerifiedToken, VerifyToken } from './resource-server.ts';
