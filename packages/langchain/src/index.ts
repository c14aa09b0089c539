export { getTools } from './get-tools.ts';
export type { GetToolsOptions, ToolError } from './bind-tool.ts';
