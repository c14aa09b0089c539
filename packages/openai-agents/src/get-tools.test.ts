import { Agent, run, RunContext, ToolCallError } from '@openai/agents';
import { assistantMessage, functionCall, ScriptedModel } from '@openai/agents/testing';
import { AuthorizationRequiredError, builtInTools, type GetToolsOptions, type ToolsHost } from '@onbehalf/core';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { toolOutputsSent } from './test-model.ts';
import { agentAdapterSuite } from '@onbehalf/e2e/agent-adapter-suite';
import { standIn } from '@onbehalf/e2e/tools-stand-in';
import { withWholeCatalog } from '@onbehalf/e2e/agent-testbed';

/** How the runner calls a function tool: invoke with the run context and the model's JSON arguments. */
async function callTool(ob: ToolsHost, options: GetToolsOptions, name: string, args: Record<string, unknown>): Promise<unknown> {
  const tool = (await getTools(ob, options)).find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.invoke(new RunContext(), JSON.stringify(args));
}

describe('getTools (OpenAI Agents) over a stand-in ob.tools', () => {
  agentAdapterSuite({
    make: (ob, options) => getTools(ob, options),
    call: (ob, options, input) => callTool(ob, options, 'demo_echo', input as Record<string, unknown>),
    callTool,
    dialect: 'openai-strict',
  });

  it("runs inside an Agent's run: the strict tool the model sees, the bound call, the output it gets back", async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const model = new ScriptedModel([[functionCall('demo_echo', { text: 'hi' }, { callId: 'call_1' })], [assistantMessage('Done.')]]);
    const agent = new Agent({ name: 'assistant', model, tools: await getTools(ob, { identifier: 'user_1' }) });
    const result = await run(agent, 'Echo hi.');

    expect(result.finalOutput).toBe('Done.');
    expect(executed).toEqual([{ identifier: 'user_1', tool: 'demo_echo', input: { text: 'hi' }, connection: 'demo', dialect: 'openai-strict' }]);
    expect(model.calls[0]!.request.tools).toEqual([expect.objectContaining({ type: 'function', name: 'demo_echo', description: 'Echoes the text.', strict: true, parameters: expect.objectContaining({ required: ['text'], additionalProperties: false }) })]);
    expect(toolOutputsSent(model, 1)).toEqual([{ callId: 'call_1', output: { echoed: 'hi' } }]);
  });

  it('fails the run with a ToolCallError carrying what no model can fix', async () => {
    const auth = new AuthorizationRequiredError('Connect Demo first.', { accountStatus: 'PENDING', authorizationLink: 'http://app.test/onbehalf/authorize/t' });
    const { ob } = standIn(async () => { throw auth; });
    const model = new ScriptedModel([[functionCall('demo_echo', { text: 'hi' }, { callId: 'call_1' })], [assistantMessage('Never.')]]);
    const agent = new Agent({ name: 'assistant', model, tools: await getTools(ob, { identifier: 'u', onAuthorizationRequired: 'throw' }) });
    const failure = await run(agent, 'Echo hi.').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolCallError);
    expect((failure as ToolCallError).error).toBe(auth);
  });

  it('asks for the openai-strict dialect unless told otherwise', async () => {
    const { ob, listed } = standIn(async () => null);
    await getTools(ob, { identifier: 'u' });
    await getTools(ob, { identifier: 'u', dialect: 'json-schema' });
    expect(listed).toEqual([expect.objectContaining({ dialect: 'openai-strict' }), expect.objectContaining({ dialect: 'json-schema' })]);
  });

  it('makes every built-in tool a strict tool whose schema is the one onbehalf lists, as strict mode takes it', async () => {
    await withWholeCatalog(async (ob) => {
      const specs = await ob.tools.list({ dialect: 'openai-strict' });
      expect(specs.map((spec) => spec.name).sort()).toEqual(builtInTools.map((tool) => tool.name).sort());
      const tools = new Map((await getTools(ob, { identifier: 'u' })).map((tool) => [tool.name, tool]));
      for (const spec of specs) {
        const tool = tools.get(spec.name)!;
        expect(tool.strict).toBe(true);
        // The SDK's own strict preparation (it throws on what strict mode cannot take) leaves it as onbehalf made it.
        expect(tool.parameters, spec.name).toEqual(spec.inputSchema);
      }
    });
  });
});
