import { jsonSchema, tool, type JSONSchema7, type ToolSet } from 'ai';
import { bindTool, selectToolSpecs, type GetToolsOptions } from '@onbehalf/core';
import type { ToolsHost } from '@onbehalf/core';

/**
 * onbehalf tools as an AI SDK ToolSet acting for `options.identifier`.
 *
 * The model sees the spec's JSON Schema as published by onbehalf; onbehalf validates the input
 * itself, so a bad call comes back to the model as `{ error: 'TOOL_INPUT_INVALID', message }`
 * like every other recoverable failure, rather than as an AI SDK tool error.
 * A tool `requireApproval` holds gets the SDK's `needsApproval` (the SDK asks, onbehalf runs).
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<ToolSet> {
  const specs = await selectToolSpecs(ob, options);
  const tools: ToolSet = {};
  for (const spec of specs) {
    const run = bindTool(ob, spec, options);
    tools[spec.name] = tool({
      description: spec.description,
      inputSchema: jsonSchema<unknown>(spec.inputSchema as JSONSchema7),
      // The SDK's own approval step: generateText stops with a tool-approval-request, and runs the
      // call only after the app answers it with an approved tool-approval-response.
      ...(spec.requiresApproval ? { needsApproval: true } : {}),
      execute: async (input: unknown, { abortSignal }) => {
        const outcome = await run(input, abortSignal, spec.requiresApproval ? { approvedByFramework: true } : undefined);
        return outcome.ok ? (outcome.data ?? null) : outcome.error;
      },
    });
  }
  return tools;
}
