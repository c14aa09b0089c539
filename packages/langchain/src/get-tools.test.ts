import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { agentAdapterSuite } from '@onbehalf/e2e/agent-adapter-suite';
import { standIn } from '@onbehalf/e2e/tools-stand-in';

describe('getTools (LangChain) over a stand-in ob.tools', () => {
  agentAdapterSuite({
    make: (ob, options) => getTools(ob, options),
    // What the model reads: the tool's string result, parsed back.
    call: async (ob, options, input) => JSON.parse(await (await getTools(ob, options))[0]!.invoke(input as { text: string })),
    callTool: async (ob, options, name, input) => JSON.parse(await (await getTools(ob, options)).find((t) => t.name === name)!.invoke(input)),
  });

  it('answers a tool call with a ToolMessage: JSON content for the model, outcome and execution id as artifact', async () => {
    const { ob } = standIn(async () => ({ ok: true }));
    const [echo] = await getTools(ob, { identifier: 'user_1' });
    const message = await echo!.invoke({ type: 'tool_call', id: 'call_1', name: 'demo_echo', args: { text: 'hi' } });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message.content).toBe('{"ok":true}');
    expect(message.artifact).toEqual({ data: { ok: true }, executionId: 'exec_1' });
  });

  it('runs inside createAgent: the call with bad input goes back to the model as an error it can fix', async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const model = fakeModel()
      .respondWithTools([{ name: 'demo_echo', args: { text: 42 }, id: 'bad' }])
      .respondWithTools([{ name: 'demo_echo', args: { text: 'fixed' }, id: 'good' }])
      .respond(new AIMessage('Echoed.'));
    const agent = createAgent({ model, tools: await getTools(ob, { identifier: 'user_1' }) });
    const { messages } = await agent.invoke({ messages: [{ role: 'user', content: 'Echo something.' }] });
    const toolMessages = messages.filter((m) => ToolMessage.isInstance(m));
    expect(toolMessages.map((m) => [m.tool_call_id, m.status])).toEqual([['bad', 'error'], ['good', 'success']]);
    expect(toolMessages[1]!.content).toBe('{"echoed":"fixed"}');
    expect(executed).toHaveLength(1);
    expect(messages.at(-1)!.content).toBe('Echoed.');
  });

  it("hands LangChain the strict JSON Schema with dialect: 'openai-strict' and refuses Gemini's form", async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const [echo] = await getTools(ob, { identifier: 'u', dialect: 'openai-strict' });
    expect(echo!.schema).toEqual((await ob.tools.list({ dialect: 'openai-strict' }))[0]!.inputSchema);
    expect(echo!.schema).toMatchObject({ additionalProperties: false, required: ['text'] });
    expect(JSON.parse(await echo!.invoke({ text: 'hi' }))).toEqual({ echoed: 'hi' });
    expect(executed).toEqual([expect.objectContaining({ dialect: 'openai-strict' })]);
    await expect(getTools(ob, { identifier: 'u', dialect: 'gemini' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
