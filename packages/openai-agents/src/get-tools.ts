import { tool, type FunctionTool } from '@openai/agents';
import { boundTools, type GetToolsOptions, type ToolsHost } from '@onbehalf/core';

// The SDK's strict JSON Schema type, as FunctionTool declares it (the SDK does not export its name).
type StrictParameters = Extract<FunctionTool['parameters'], { additionalProperties: false }>;

/**
 * onbehalf tools as OpenAI Agents SDK function tools acting for `options.identifier`.
 *
 * Each is a strict tool with the 'openai-strict' schema onbehalf lists (every property required,
 * left-out ones as null); onbehalf maps such input back and validates it, so a bad call comes back
 * to the model as `{ error: 'TOOL_INPUT_INVALID', message }`. `errorFunction: null` lets what no
 * model can fix (and AuthorizationRequiredError in 'throw' mode) fail the run: `run()` rejects
 * with the SDK's ToolCallError, whose `error` is onbehalf's own. The parameters type is `any`, as
 * in the SDK's own `Tool` union: the schema is JSON Schema, not zod.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<FunctionTool<unknown, any>[]> {
  const entries = await boundTools(ob, { ...options, dialect: options?.dialect ?? 'openai-strict' });
  return entries.map(({ spec, run }) => {
    return tool({
      name: spec.name,
      description: spec.description,
      parameters: spec.inputSchema as unknown as StrictParameters,
      strict: true,
      errorFunction: null,
      // The SDK's own approval step: run() ends with the call in `interruptions`; it runs after
      // `result.state.approve(item)` and a run resumed from that state.
      needsApproval: spec.requiresApproval === true,
      execute: async (input, _context, details) => {
        const outcome = await run(input, details?.signal, spec.requiresApproval ? { approvedByFramework: true } : undefined);
        return outcome.ok ? (outcome.data ?? null) : outcome.error;
      },
    });
  });
}
