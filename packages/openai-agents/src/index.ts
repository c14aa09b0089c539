export { getTools } from './get-tools.ts';
export type { GetToolsOptions, ToolError } from '@onbehalf/core';
