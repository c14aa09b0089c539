export { getTools } from './get-tools.ts';
export type { GenAITools } from './get-tools.ts';
export type { GetToolsOptions, ToolError } from '@onbehalf/core';
