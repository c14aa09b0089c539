/** The tool a hook runs for, as listed (its listed name, which may carry a connection prefix). */
export interface HookedTool {
  name: string;
  provider: string;
  connection: string;
  writes: boolean;
}

export interface BeforeExecuteEvent<I = unknown> {
  /** The person (or org) the call acts for. */
  identifier: string;
  tool: HookedTool;
  /** The validated input (after any earlier hook changed it). */
  input: I;
  executionId: string;
}

export interface AfterExecuteEvent<I = unknown, O = unknown> extends BeforeExecuteEvent<I> {
  /** What the tool returned (after any inner hook reshaped it). */
  output: O;
}

/**
 * What `beforeExecute` decides. Nothing (or `{ allow: true }`) lets the call run as it is;
 * `{ deny }` stops it and the model reads the reason as a TOOL_DENIED error; `{ input }` runs it
 * with that input instead, validated again by the tool's schema.
 */
export type BeforeExecuteResult<I = unknown> = void | undefined | { allow: true } | { deny: string } | { input: I };

/** What `afterExecute` decides: nothing keeps the output, `{ output }` replaces it (reshaped, redacted). */
export type AfterExecuteResult = void | undefined | { output: unknown };

export interface ToolHooks<I = unknown, O = unknown> {
  beforeExecute?(event: BeforeExecuteEvent<I>): BeforeExecuteResult<I> | Promise<BeforeExecuteResult<I>>;
  afterExecute?(event: AfterExecuteEvent<I, O>): AfterExecuteResult | Promise<AfterExecuteResult>;
}

/**
 * `createOnBehalf({ hooks })`: hooks for every tool, plus hooks for single tools keyed by their
 * listed name or their own (unprefixed) name. They run in process, in this order: the global
 * `beforeExecute`, the keyed one, the tool's own (`defineTool({ hooks })`); `afterExecute` in the
 * reverse order, so the global one sees the final output (one place to redact everything).
 */
export interface OnBehalfHooks extends ToolHooks {
  tools?: Record<string, ToolHooks>;
}
