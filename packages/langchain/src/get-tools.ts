import { tool, type StructuredTool } from '@langchain/core/tools';
import { bindTool, selectToolSpecs, type GetToolsOptions } from '@onbehalf/core';
import type { ToolsHost } from '@onbehalf/core';

/**
 * onbehalf tools as LangChain StructuredTools acting for `options.identifier`.
 *
 * The model sees `spec.input` (LangChain turns the zod schema into JSON Schema for the provider
 * and validates calls against it). The message content is JSON: the tool's data, or a
 * `{ error, message, … }` the agent can act on; the artifact keeps the raw outcome with the
 * execution id for the app.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<StructuredTool[]> {
  const specs = await selectToolSpecs(ob, options);
  return specs.map((spec) => {
    const run = bindTool(ob, spec, options);
    return tool(
      async (input: unknown, config?: { signal?: AbortSignal }) => {
        const outcome = await run(input, config?.signal);
        const content = JSON.stringify(outcome.ok ? outcome.data : outcome.error) ?? 'null';
        return [content, outcome.ok ? { data: outcome.data, executionId: outcome.executionId } : outcome.error];
      },
      { name: spec.name, description: spec.description, schema: spec.input, responseFormat: 'content_and_artifact' },
    );
  });
}
