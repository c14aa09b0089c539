import type { CallableTool, FunctionCall, FunctionDeclaration, Part, Tool } from '@google/genai';
import { boundTools, type BoundTool, type GetToolsOptions } from '@onbehalf/core';
import type { Schema } from '@google/genai';
import type { ToolsHost } from '@onbehalf/core';

export interface GenAITools {
  /** `[{ functionDeclarations }]`, ready for `config.tools`. */
  tools: Tool[];
  functionDeclarations: FunctionDeclaration[];
  /**
   * Runs the calls of a model response that name one of these tools, in parallel, and answers each
   * with a `functionResponse` part (`response: { output }` or `response: { error }`), in call
   * order. Calls to other functions are left to the app, so its own tools can sit alongside.
   */
  handleFunctionCalls(calls: FunctionCall[]): Promise<Part[]>;
  /** The same tools as a CallableTool, for the SDK's automatic function calling. */
  callableTool: CallableTool;
}

/**
 * onbehalf tools as Google GenAI function declarations acting for `options.identifier`, plus the
 * handler that executes the model's function calls. The parameters are onbehalf's `'gemini'`
 * dialect (Gemini's Schema subset); another `dialect` goes in `parametersJsonSchema` instead.
 * `mode: 'search'` gives the two meta-tools instead of the whole list.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<GenAITools> {
  const entries = await boundTools(ob, { ...options, dialect: options?.dialect ?? 'gemini' });
  const bound = new Map<string, BoundTool>(entries.map(({ spec, run }) => [spec.name, run]));
  const functionDeclarations = entries.map(({ spec }): FunctionDeclaration => {
    const declaration = { name: spec.name, description: spec.description };
    if (spec.dialect !== 'gemini') return { ...declaration, parametersJsonSchema: spec.inputSchema };
    const parameters = spec.inputSchema as Schema;
    // A function without parameters leaves them unset: Gemini rejects an OBJECT without properties.
    return Object.keys(parameters.properties ?? {}).length > 0 ? { ...declaration, parameters } : declaration;
  });
  // An empty declaration list is an invalid Tool for the API: no tools then means no Tool at all.
  const tools: Tool[] = functionDeclarations.length > 0 ? [{ functionDeclarations }] : [];

  async function handleFunctionCalls(calls: FunctionCall[]): Promise<Part[]> {
    const ours = calls.filter((call) => call.name !== undefined && bound.has(call.name));
    return Promise.all(
      ours.map(async (call): Promise<Part> => {
        const name = call.name!;
        const outcome = await bound.get(name)!(call.args ?? {});
        const response = outcome.ok ? { output: outcome.data ?? null } : { error: outcome.error };
        return { functionResponse: { ...(call.id ? { id: call.id } : {}), name, response } };
      }),
    );
  }

  return { tools, functionDeclarations, handleFunctionCalls, callableTool: { tool: async () => ({ functionDeclarations }), callTool: handleFunctionCalls } };
}
