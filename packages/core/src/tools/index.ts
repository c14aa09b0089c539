export { defineTool, toolInputSchema } from './define-tool.ts';
export { defineToolkit } from './define-toolkit.ts';
export type { Toolkit, ToolkitDefinition } from './define-toolkit.ts';
export { createToolRegistry } from './tool-registry.ts';
export type { ListedTool, ToolRegistry } from './tool-registry.ts';
export { createToolContext, withQuery } from './tool-context.ts';
export { createTools } from './create-tools.ts';
export type { ToolsApi } from './create-tools.ts';
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
export { ApprovalRequiredError, canonicalCallHash, needsApproval } from './approval/index.ts';
export type { ApprovalSubject, RequireApproval, ToolApproval } from './approval/index.ts';
export { DEFAULT_MAX_OUTPUT_CHARS, boundOutput } from './hooks/index.ts';
export type { AfterExecuteEvent, AfterExecuteResult, BeforeExecuteEvent, BeforeExecuteResult, HookedTool, OnBehalfHooks, ToolHooks } from './hooks/index.ts';
export { boundTools } from './bound-tools.ts';
export { CALL_TOOL, SEARCH_TOOLS, createToolIndex, searchModeTools } from './search/index.ts';
export type { FoundTool, RankedTool, ToolIndex } from './search/index.ts';
export { dialectSchema } from './dialects/dialect-schema.ts';
export { fromDialectInput } from './dialects/from-dialect-input.ts';
export { toOpenAIStrictSchema } from './dialects/to-openai-strict-schema.ts';
export { toGeminiSchema } from './dialects/to-gemini-schema.ts';
export type { GeminiSchema, GeminiType } from './dialects/to-gemini-schema.ts';
export { SCHEMA_DIALECTS } from './dialects/schema-node.ts';
export type { SchemaDialect } from './dialects/schema-node.ts';
export type { BoundCall, BoundTool, BoundToolEntry, GetToolsOptions, ToolError, ToolOutcome, ToolsHost } from './bind-tool.ts';
export * from './kit/index.ts';
