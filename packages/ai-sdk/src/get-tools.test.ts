import { OnBehalfError } from '@onbehalf/core';
import { generateText, stepCountIs } from 'ai';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { scriptedModel, textTurn, toolCallTurn, toolResultsSent } from './test-model.ts';
import { agentAdapterSuite } from '@onbehalf/e2e/agent-adapter-suite';
import { standIn } from '@onbehalf/e2e/tools-stand-in';

describe('getTools (AI SDK) over a stand-in ob.tools', () => {
  agentAdapterSuite({
    make: (ob, options) => getTools(ob, options),
    call: async (ob, options, input) => (await getTools(ob, options)).demo_echo!.execute!(input as { text: string }, { toolCallId: 't', messages: [], context: undefined }),
    callTool: async (ob, options, name, input) => (await getTools(ob, options))[name]!.execute!(input, { toolCallId: 't', messages: [], context: undefined }),
  });

  it('makes a ToolSet whose calls act for the bound identifier, with results going back to the model', async () => {
    const { ob, listed, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const tools = await getTools(ob, { identifier: 'user_1', connections: ['demo'] });
    // The listing is asked with the bound identifier: its own aliases become an `account` selector where it has several accounts.
    expect(listed).toEqual([{ identifier: 'user_1', connections: ['demo'] }]);
    expect(Object.keys(tools)).toEqual(['demo_echo']);

    const model = scriptedModel(toolCallTurn('call_1', 'demo_echo', { text: 'hi' }), textTurn('Done.'));
    const result = await generateText({ model, tools, prompt: 'Echo hi.', stopWhen: stepCountIs(2) });
    expect(result.text).toBe('Done.');
    expect(executed).toEqual([{ identifier: 'user_1', tool: 'demo_echo', input: { text: 'hi' }, connection: 'demo' }]);
    expect(model.doGenerateCalls[0]!.tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'demo_echo', description: 'Echoes the text.', inputSchema: expect.objectContaining({ type: 'object', required: ['text'] }) }),
    ]);
    expect(toolResultsSent(model, 1)).toEqual([expect.objectContaining({ toolCallId: 'call_1', output: { type: 'json', value: { echoed: 'hi' } } })]);
  });

  it('lets onbehalf validate the input, so a bad call comes back as TOOL_INPUT_INVALID the model can fix', async () => {
    const { ob, executed } = standIn(async ({ input }) => {
      if (typeof (input as { text?: unknown }).text !== 'string') throw new OnBehalfError('TOOL_INPUT_INVALID', 'text: expected string');
      return { echoed: (input as { text: string }).text };
    });
    const model = scriptedModel(toolCallTurn('bad', 'demo_echo', { text: 42 }), toolCallTurn('good', 'demo_echo', { text: 'ok' }), textTurn('Done.'));
    await generateText({ model, tools: await getTools(ob, { identifier: 'u' }), prompt: 'Echo.', stopWhen: stepCountIs(3) });
    expect(executed.map((call) => call.input)).toEqual([{ text: 42 }, { text: 'ok' }]);
    expect(toolResultsSent(model, 1)).toEqual([expect.objectContaining({ toolCallId: 'bad', output: { type: 'json', value: { error: 'TOOL_INPUT_INVALID', message: 'text: expected string' } } })]);
  });

  it("shows OpenAI's strict form with dialect: 'openai-strict', and the call says so for onbehalf to map back", async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const model = scriptedModel(toolCallTurn('call_1', 'demo_echo', { text: 'hi' }), textTurn('Done.'));
    await generateText({ model, tools: await getTools(ob, { identifier: 'u', dialect: 'openai-strict' }), prompt: 'Echo hi.', stopWhen: stepCountIs(2) });
    expect(model.doGenerateCalls[0]!.tools).toEqual([expect.objectContaining({ name: 'demo_echo', inputSchema: expect.objectContaining({ type: 'object', required: ['text'], additionalProperties: false }) })]);
    expect(executed).toEqual([expect.objectContaining({ input: { text: 'hi' }, dialect: 'openai-strict' })]);
  });

});
