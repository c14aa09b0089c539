import { z } from 'zod';
import type { ExecuteToolOptions } from '@onbehalf/core';
import type { ToolsHost, ToolSpec } from '@onbehalf/core';

/** A stand-in for `ob.tools` with one tool, recording what the adapter asks of it. */
export function standIn(execute: (options: ExecuteToolOptions) => Promise<unknown>) {
  const input = z.object({ text: z.string().describe('What to echo') });
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(input) as ToolSpec['inputSchema'];
  const spec: ToolSpec = { name: 'demo_echo', description: 'Echoes the text.', provider: 'demo', connection: 'demo', scopes: [], inputSchema, input };
  const listed: unknown[] = [];
  const executed: ExecuteToolOptions[] = [];
  const ob: ToolsHost = {
    tools: {
      list: async (options) => {
        listed.push(options);
        return [spec];
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
