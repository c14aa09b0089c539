import { jsonSchema, tool, type JSONSchema7, type ToolSet } from 'ai';
import { bindTool, listSpecs, type GetToolsOptions } from './bind-tool.ts';
import type { ToolsApi } from './tools-api.ts';

/**
 * onbehalf tools as an AI SDK ToolSet acting for `options.identifier`.
 *
 * The model sees the spec's JSON Schema as published by onbehalf; onbehalf validates the input
 * itself, so a bad call comes back to the model as `{ error: 'TOOL_INPUT_INVALID', message }`
 * like every other recoverable failure, rather than as an AI SDK tool error.
 */
export async function getTools(ob: ToolsApi, options: GetToolsOptions): Promise<ToolSet> {
  const specs = await listSpecs(ob, options);
  const tools: ToolSet = {};
  for (const spec of specs) {
    const run = bindTool(ob, spec, options);
    tools[spec.name] = tool({
      description: spec.description,
      inputSchema: jsonSchema<unknown>(spec.inputSchema as JSONSchema7),
      execute: async (input: unknown, { abortSignal }) => {
        const outcome = await run(input, abortSignal);
        return outcome.ok ? (outcome.data ?? null) : outcome.error;
      },
    });
  }
  return tools;
}
