import { FunctionTool } from '@google/adk';
import { boundTools, type GetToolsOptions, type ToolsHost } from '@onbehalf/core';

// ADK's FunctionTool takes zod or a @google/genai Schema; ADK depends on its own @google/genai,
// so the type is taken from ADK rather than from a second copy of that package.
type GeminiParameters = NonNullable<ReturnType<FunctionTool['_getDeclaration']>['parameters']>;
type RunRequest = Parameters<FunctionTool['runAsync']>[0];

/** An error the tool must throw, carried past FunctionTool.runAsync, which would rewrap it. */
class Thrown {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * FunctionTool.runAsync rethrows whatever `execute` throws as a new plain Error; this one throws
 * onbehalf's own error (an AuthorizationRequiredError in 'throw' mode, an outage), so an app's
 * plugin `onToolErrorCallback` or a direct caller sees its code, status and link.
 */
class OnBehalfFunctionTool extends FunctionTool<GeminiParameters> {
  override async runAsync(request: RunRequest): Promise<unknown> {
    const result = await super.runAsync(request);
    if (result instanceof Thrown) throw result.error;
    return result;
  }
}

/**
 * onbehalf tools as ADK FunctionTools acting for `options.identifier`.
 *
 * The model sees each spec in the 'gemini' dialect (ADK hands the schema to Gemini unchanged), and
 * onbehalf maps the answer back and validates it. What goes back to the model is the tool's data
 * (ADK wraps an array as `{ results }` and a scalar as `{ result }`) or a `{ error, message, … }`.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<FunctionTool[]> {
  const entries = await boundTools(ob, { ...options, dialect: options?.dialect ?? 'gemini' });
  return entries.map(({ spec, run }) => {
    // A tool without parameters leaves them to ADK, which declares its own empty object for it.
    const hasParameters = Object.keys((spec.inputSchema.properties as object | undefined) ?? {}).length > 0;
    return new OnBehalfFunctionTool({
      name: spec.name,
      description: spec.description,
      ...(hasParameters ? { parameters: spec.inputSchema as GeminiParameters } : {}),
      // ADK's own approval gate: an LlmAgent turn surfaces an adk_request_confirmation call and
      // runs the tool only once the person's functionResponse says { confirmed: true }.
      ...(spec.requiresApproval ? { requireConfirmation: true } : {}),
      execute: async (input, context) => {
        try {
          const outcome = await run(input, context?.abortSignal, spec.requiresApproval ? { approvedByFramework: true } : undefined);
          return outcome.ok ? (outcome.data ?? null) : outcome.error;
        } catch (error) {
          return new Thrown(error);
        }
      },
    });
  });
}
