import { GoogleGenAI, type FunctionCall } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { startFakeGemini } from './test-gemini-server.ts';
import { agentAdapterSuite } from '@onbehalf/e2e/agent-adapter-suite';
import { standIn } from '@onbehalf/e2e/tools-stand-in';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('getTools (Google GenAI) over a stand-in ob.tools', () => {
  agentAdapterSuite({
    dialect: 'gemini',
    make: (ob, options) => getTools(ob, options),
    callTool: async (ob, options, name, args) => {
      const { functionDeclarations, handleFunctionCalls } = await getTools(ob, options);
      if (!functionDeclarations.some((d) => d.name === name)) throw new Error(`no function ${name} declared`);
      const response = (await handleFunctionCalls([{ name, args }]))[0]!.functionResponse!.response as { output?: unknown; error?: unknown };
      return 'error' in response ? response.error : response.output;
    },
    // What the model reads: the function response's output, or its error.
    call: async (ob, options, input) => {
      const [part] = await (await getTools(ob, options)).handleFunctionCalls([{ name: 'demo_echo', args: input as Record<string, unknown> }]);
      const response = part!.functionResponse!.response as { output?: unknown; error?: unknown };
      return 'error' in response ? response.error : response.output;
    },
  });

  it('declares the tools and answers function calls for the bound identifier, in call order', async () => {
    const { ob, listed, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const { tools, functionDeclarations, handleFunctionCalls } = await getTools(ob, { identifier: 'user_1', tools: ['demo_echo'] });
    expect(listed).toEqual([expect.objectContaining({ tools: ['demo_echo'], dialect: 'gemini' })]);
    expect(functionDeclarations).toEqual([
      { name: 'demo_echo', description: 'Echoes the text.', parameters: { type: 'OBJECT', properties: { text: { type: 'STRING', description: 'What to echo' } }, required: ['text'] } },
    ]);
    expect(tools).toEqual([{ functionDeclarations }]);

    const calls: FunctionCall[] = [
      { id: 'a', name: 'demo_echo', args: { text: 'one' } },
      { id: 'b', name: 'app_own_function', args: {} },
      { id: 'c', name: 'demo_echo', args: { text: 'two' } },
    ];
    expect(await handleFunctionCalls(calls)).toEqual([
      { functionResponse: { id: 'a', name: 'demo_echo', response: { output: { echoed: 'one' } } } },
      { functionResponse: { id: 'c', name: 'demo_echo', response: { output: { echoed: 'two' } } } },
    ]);
    expect(executed.map((call) => [call.identifier, call.connection, call.input])).toEqual([
      ['user_1', 'demo', { text: 'one' }],
      ['user_1', 'demo', { text: 'two' }],
    ]);
  });

  it('makes no Tool when nothing is selected (the API refuses an empty declaration list)', async () => {
    const { ob } = standIn(async () => null);
    expect(await getTools(ob, { identifier: 'u', tools: [] })).toMatchObject({ tools: [], functionDeclarations: [] });
  });

  it('drives a function-calling round trip through the real @google/genai client', async () => {
    const { ob } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const { tools, handleFunctionCalls } = await getTools(ob, { identifier: 'user_1' });
    const gemini = await startFakeGemini([[{ functionCall: { id: 'call_1', name: 'demo_echo', args: { text: 'hi' } } }], [{ text: 'Echoed hi.' }]]);
    closers.push(gemini.close);
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: gemini.url } });

    const contents = [{ role: 'user', parts: [{ text: 'Echo hi.' }] }];
    const first = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents, config: { tools } });
    const parts = await handleFunctionCalls(first.functionCalls ?? []);
    const second = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: [...contents, first.candidates![0]!.content!, { role: 'user', parts }], config: { tools } });

    expect(second.text).toBe('Echoed hi.');
    // The declarations travel as we made them (the SDK leaves a ready Schema as it is).
    expect(gemini.requests[0]!.body.tools).toEqual([{ functionDeclarations: [expect.objectContaining({ name: 'demo_echo', parameters: expect.objectContaining({ type: 'OBJECT' }) })] }]);
    expect(gemini.requests[1]!.body.contents.at(-1)).toEqual({ role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'demo_echo', response: { output: { echoed: 'hi' } } } }] });
  });

  it('works as a CallableTool in the SDK’s automatic function calling', async () => {
    const { ob, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const { callableTool } = await getTools(ob, { identifier: 'user_1' });
    const gemini = await startFakeGemini([[{ functionCall: { id: 'call_1', name: 'demo_echo', args: { text: 'auto' } } }], [{ text: 'Done.' }]]);
    closers.push(gemini.close);
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: gemini.url } });

    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Echo auto.', config: { tools: [callableTool] } });
    expect(response.text).toBe('Done.');
    expect(executed).toHaveLength(1);
    expect(gemini.requests[1]!.body.contents.at(-1)!.parts).toEqual([{ functionResponse: { id: 'call_1', name: 'demo_echo', response: { output: { echoed: 'auto' } } } }]);
  });
});
