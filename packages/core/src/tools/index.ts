export { defineTool, toolInputSchema } from './define-tool.ts';
export { createAuthenticatedFetch, resolveRequestUrl } from './authenticated-fetch.ts';
export type { AuthenticatedFetch, AuthenticatedFetchOptions } from './authenticated-fetch.ts';
export { createToolRegistry } from './tool-registry.ts';
export type { ListedTool, ToolRegistry } from './tool-registry.ts';
export { createTools } from './create-tools.ts';
export type { ToolsApi } from './create-tools.ts';
export { builtInTools } from './built-in/index.ts';
export type {
  ExecuteToolOptions,
  ListToolsOptions,
  QueryValue,
  ToolContext,
  ToolDefinition,
  ToolExecutionResult,
  ToolRequestOptions,
  ToolSpec,
} from './tool-types.ts';
export { bindTool, selectToolSpecs } from './bind-tool.ts';
export type { BoundTool, GetToolsOptions, ToolError, ToolOutcome, ToolsHost } from './bind-tool.ts';
