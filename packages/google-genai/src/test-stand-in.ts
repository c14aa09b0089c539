import type { ExecuteToolOptions } from '@onbehalf/core';
import { z } from 'zod';
import type { ToolsHost, ToolSpec } from '@onbehalf/core';

/** A stand-in for `ob.tools` with one tool, recording what the adapter asks of it. */
export function standIn(execute: (options: ExecuteToolOptions) => Promise<unknown>) {
  const spec: ToolSpec = {
    name: 'demo_echo',
    description: 'Echoes the text.',
    provider: 'demo',
    connection: 'demo',
    scopes: [],
    inputSchema: { type: 'object', properties: { text: { type: 'string', description: 'What to echo' } }, required: ['text'], additionalProperties: false },
    input: z.object({ text: z.string() }).strict(),
  };
  const listed: unknown[] = [];
  const executed: ExecuteToolOptions[] = [];
  const ob: ToolsHost = {
    tools: {
      list: async (options) => {
        listed.push(options);
        return options?.tools && !options.tools.includes(spec.name) ? [] : [spec];
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
