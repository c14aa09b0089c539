// One stand-in for `ob.tools`, shared by the agent adapters' tests (@onbehalf/langchain, ai-sdk, google-genai).
import { dialectSchema, type ExecuteToolOptions, type ToolsHost, type ToolSpec } from '@onbehalf/core';
import { z } from 'zod';

/**
 * A stand-in for `ob.tools` with one tool, `demo_echo`, recording what the adapter asks of it. Its
 * `list` honours the `tools` filter and the `dialect` like the real one; `execute` answers with whatever `execute` gives.
 */
export function standIn(execute: (options: ExecuteToolOptions) => Promise<unknown>) {
  const input = z.object({ text: z.string().describe('What to echo') }).strict();
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(input) as Record<string, unknown> & { type: 'object' };
  const spec: ToolSpec = { name: 'demo_echo', description: 'Echoes the text.', provider: 'demo', connection: 'demo', scopes: [], inputSchema, dialect: 'json-schema', input };
  const listed: unknown[] = [];
  const executed: ExecuteToolOptions[] = [];
  const ob: ToolsHost = {
    tools: {
      list: async (options) => {
        listed.push(options);
        if (options?.tools && !options.tools.includes(spec.name)) return [];
        const dialect = options?.dialect ?? 'json-schema';
        return [{ ...spec, inputSchema: dialectSchema(inputSchema, dialect) as ToolSpec['inputSchema'], dialect }];
      },
      // ob.tools.execute is generic in its data type; the stand-in's data is whatever `execute` gives.
      execute: (async (options: ExecuteToolOptions) => {
        executed.push(options);
        return { data: await execute(options), executionId: `exec_${executed.length}` };
      }) as ToolsHost['tools']['execute'],
    },
  };
  return { ob, spec, listed, executed };
}
