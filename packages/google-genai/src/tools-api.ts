/**
 * The part of `OnBehalf` the adapters use, so they depend on `ob.tools` alone (and tests can hand
 * them a stand-in).
 */
export interface ToolSpec {
  name: string;
  description: string;
  provider: string;
  connection: string;
  scopes: string[];
  /** Top-level `{ type: 'object', properties, required }`, without `$schema`. */
  inputSchema: Record<string, unknown>;
  /** The zod schema onbehalf validates with (unused here: Gemini gets `inputSchema`). */
  input: unknown;
}

export interface ToolsApi {
  readonly tools: {
    list(options?: { providers?: string[]; connections?: string[]; tools?: string[] }): Promise<ToolSpec[]>;
    execute(options: { identifier: string; tool: string; input: unknown; connection?: string; signal?: AbortSignal }): Promise<{ data: unknown; executionId: string }>;
  };
}
