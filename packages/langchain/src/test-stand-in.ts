import { z } from 'zod';
import type { ToolsApi, ToolSpec } from './tools-api.ts';

/** A stand-in for `ob.tools` with one tool, recording what the adapter asks of it. */
export function standIn(execute: (options: { identifier: string; tool: string; input: unknown; connection?: string }) => Promise<unknown>) {
  const input = z.object({ text: z.string().describe('What to echo') });
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(input) as Record<string, unknown>;
  const spec: ToolSpec = { name: 'demo_echo', description: 'Echoes the text.', provider: 'demo', connection: 'demo', scopes: [], inputSchema, input };
  const listed: unknown[] = [];
  const executed: { identifier: string; tool: string; input: unknown; connection?: string }[] = [];
  const ob: ToolsApi = {
    tools: {
      list: async (options) => {
        listed.push(options);
        return [spec];
      },
      execute: async (options) => {
        executed.push(options);
        return { data: await execute(options), executionId: `exec_${executed.length}` };
      },
    },
  };
  return { ob, spec, listed, executed };
}
