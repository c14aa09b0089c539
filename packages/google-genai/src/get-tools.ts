import type { CallableTool, FunctionCall, FunctionDeclaration, Part, Tool } from '@google/genai';
import { bindTool, selectToolSpecs, type BoundTool, type GetToolsOptions } from '@onbehalf/core';
import { toGeminiSchema } from './to-gemini-schema.ts';
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
 * handler that executes the model's function calls.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<GenAITools> {
  const specs = await selectToolSpecs(ob, options);
  const bound = new Map<string, BoundTool>(specs.map((spec) => [spec.name, bindTool(ob, spec, options)]));
  const functionDeclarations = specs.map((spec): FunctionDeclaration => {
    const parameters = toGeminiSchema(spec.inputSchema);
    // A function without parameters leaves them unset: Gemini rejects an OBJECT without properties.
    const hasParameters = Object.keys(parameters.properties ?? {}).length > 0;
    return { name: spec.name, description: spec.description, ...(hasParameters ? { parameters } : {}) };
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
