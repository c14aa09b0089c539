export { runAfterExecute, runBeforeExecute } from './run-hooks.ts';
export type { BeforeOutcome } from './run-hooks.ts';
export { boundOutput, DEFAULT_MAX_OUTPUT_CHARS, isOutputBound } from './bound-output.ts';
export type { BoundedOutput } from './bound-output.ts';
export type { AfterExecuteEvent, AfterExecuteResult, BeforeExecuteEvent, BeforeExecuteResult, HookedTool, OnBehalfHooks, ToolHooks } from './tool-hooks.ts';
