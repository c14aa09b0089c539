import { jsonSchema, tool, type JSONSchema7, type ToolSet } from 'ai';
import { boundTools, type GetToolsOptions } from '@onbehalf/core';
import type { ToolsHost } from '@onbehalf/core';

/**
 * onbehalf tools as an AI SDK ToolSet acting for `options.identifier`.
 *
 * The model sees the spec's schema in `options.dialect`: plain JSON Schema by default (what the
 * AI SDK's providers take), `'openai-strict'` for OpenAI's strict function calling. onbehalf maps
 * the input back and validates it itself, so a bad call comes back to the model as
 * `{ error: 'TOOL_INPUT_INVALID', message }` like every other recoverable failure, rather than as
 * an AI SDK tool error. `mode: 'search'` gives the two meta-tools instead of the whole list.
 * A tool `requireApproval` holds gets the SDK's `needsApproval` (the SDK asks, onbehalf runs).
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<ToolSet> {
  const tools: ToolSet = {};
  for (const { spec, run } of await boundTools(ob, options)) {
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
