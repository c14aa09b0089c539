import { Context, FunctionTool, InMemoryRunner, LlmAgent } from '@google/adk';
import { builtInTools, type GetToolsOptions, type ToolsHost } from '@onbehalf/core';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { callTurn, ScriptedLlm, textTurn } from './test-model.ts';
import { agentAdapterSuite } from '@onbehalf/e2e/agent-adapter-suite';
import { standIn } from '@onbehalf/e2e/tools-stand-in';
import { withWholeCatalog } from '@onbehalf/e2e/agent-testbed';

/** Runs one ADK agent turn over `tools` with `model`, and returns the events. */
async function runAgent(model: ScriptedLlm, tools: FunctionTool[], text: string) {
  const runner = new InMemoryRunner({ agent: new LlmAgent({ name: 'assistant', model, tools }) });
  const events = [];
  for await (const event of runner.runEphemeral({ userId: 'app_user', newMessage: { role: 'user', parts: [{ text }] } })) events.push(event);
  return events;
}

/** How ADK's agent loop calls a tool: runAsync with the model's args and the call's context. */
async function callTool(ob: ToolsHost, options: GetToolsOptions, name: string, args: Record<string, unknown>): Promise<unknown> {
  const tool = (await getTools(ob, options)).find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.runAsync({ args, toolContext: undefined as unknown as Context });
}

describe('getTools (Google ADK) over a stand-in ob.tools', () => {
  agentAdapterSuite({
    make: (ob, options) => getTools(ob, options),
    call: (ob, options, input) => callTool(ob, options, 'demo_echo', input as Record<string, unknown>),
    callTool,
    dialect: 'gemini',
  });

  it("runs inside an ADK agent's loop: the declaration the model sees, the bound call, the response it gets back", async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const model = new ScriptedLlm(callTurn('call_1', 'demo_echo', { text: 'hi' }), textTurn('Done.'));
    const events = await runAgent(model, await getTools(ob, { identifier: 'user_1' }), 'Echo hi.');

    expect(events.at(-1)?.content?.parts?.[0]?.text).toBe('Done.');
    expect(executed).toEqual([{ identifier: 'user_1', tool: 'demo_echo', input: { text: 'hi' }, connection: 'demo', dialect: 'gemini' }]);
    expect(model.declarations(0)).toEqual([expect.objectContaining({ name: 'demo_echo', description: 'Echoes the text.', parameters: expect.objectContaining({ required: ['text'] }) })]);
    expect(model.functionResponses(1)).toEqual([{ id: 'call_1', name: 'demo_echo', response: { echoed: 'hi' } }]);
  });

  it('asks for the gemini dialect unless told otherwise', async () => {
    const { ob, listed } = standIn(async () => null);
    await getTools(ob, { identifier: 'u' });
    await getTools(ob, { identifier: 'u', dialect: 'json-schema' });
    expect(listed).toEqual([expect.objectContaining({ dialect: 'gemini' }), expect.objectContaining({ dialect: 'json-schema' })]);
  });

  it('declares every built-in tool with the gemini schema onbehalf lists for it, unchanged', async () => {
    await withWholeCatalog(async (ob) => {
      const specs = await ob.tools.list({ dialect: 'gemini' });
      expect(specs.map((spec) => spec.name).sort()).toEqual(builtInTools.map((tool) => tool.name).sort());
      const declarations = new Map((await getTools(ob, { identifier: 'u' })).map((tool) => [tool.name, tool._getDeclaration()]));
      for (const spec of specs) {
        const hasParameters = Object.keys((spec.inputSchema.properties as object | undefined) ?? {}).length > 0;
        expect(declarations.get(spec.name)).toEqual({ name: spec.name, description: spec.description, parameters: hasParameters ? spec.inputSchema : { type: 'OBJECT', properties: {} } });
      }
    });
  });
});
