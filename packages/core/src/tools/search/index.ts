export { CALL_TOOL, DEFAULT_RESULTS, MAX_RESULTS, SEARCH_TOOLS, searchModeTools } from './search-mode-tools.ts';
export type { FoundTool } from './search-mode-tools.ts';
export { createToolIndex } from './rank-tools.ts';
export type { RankedTool, ToolIndex } from './rank-tools.ts';
export { tokenize } from './tokenize.ts';
