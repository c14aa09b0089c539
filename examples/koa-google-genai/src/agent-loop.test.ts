import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GenerateContentResponse, GoogleGenAI, type Content, type FunctionCall, type FunctionDeclaration, type Part, type Tool } from '@google/genai';
import { OFFLINE_MODEL_LABEL } from '@onbehalf/demo-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentLoop, type AgentLoopOptions, type GenerateContent } from './agent-loop.ts';
import { OFFLINE_MODEL_VERSION, offlineGenerateContent } from './offline-generate-content.ts';

const MAILS = [
  { id: 'm1', subject: 'Lunch tomorrow?', from: 'Hannah Kim <hannah@example.com>', unread: true },
  { id: 'm2', subject: 'Q3 planning doc', from: 'Priya Raman <priya@example.com>', unread: true },
];

/** Stands in for getTools' result: one declared function whose handler answers like onbehalf's. */
function fakeTools() {
  const functionDeclarations: FunctionDeclaration[] = [{ name: 'gmail_fetch_mails', description: 'Lists mails.' }];
  const tools: Tool[] = [{ functionDeclarations }];
  const handled: FunctionCall[][] = [];
  const handleFunctionCalls = async (calls: FunctionCall[]): Promise<Part[]> => {
    handled.push(calls);
    return calls
      .filter((call) => call.name === 'gmail_fetch_mails')
      .map((call) => ({ functionResponse: { ...(call.id ? { id: call.id } : {}), name: call.name!, response: { output: MAILS } } }));
  };
  return { tools, functionDeclarations, handleFunctionCalls, handled } satisfies AgentLoopOptions['tools'] & { handled: FunctionCall[][] };
}

const options = (generateContent: GenerateContent, tools = fakeTools()): AgentLoopOptions => ({
  generateContent,
  model: OFFLINE_MODEL_VERSION,
  systemInstruction: 'Be helpful.',
  tools,
  message: 'show my last 5 unread emails',
});

describe('the offline stand-in answers like generateContent', () => {
  const { tools } = fakeTools();
  const user = (parts: Part[]): Content[] => [{ role: 'user', parts }];

  it('plans a functionCall part for a declared function, read through the SDK class getters', async () => {
    const response = await offlineGenerateContent({ model: OFFLINE_MODEL_VERSION, contents: user([{ text: 'show my last 3 unread emails' }]), config: { tools } });
    expect(response).toBeInstanceOf(GenerateContentResponse);
    expect(response.candidates?.[0]?.content?.role).toBe('model');
    expect(response.functionCalls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'gmail_fetch_mails', args: { query: 'is:unread', maxResults: 3 } }]);
  });

  it('summarizes the functionResponse parts of the last content, errors included', async () => {
    const authorization = { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: 'http://localhost/onbehalf/authorize/x', message: 'Connect gmail.' };
    const response = await offlineGenerateContent({
      model: OFFLINE_MODEL_VERSION,
      contents: user([
        { functionResponse: { id: 'a', name: 'gmail_fetch_mails', response: { output: MAILS } } },
        { functionResponse: { id: 'b', name: 'gmail_fetch_mails', response: { error: authorization } } },
      ]),
      config: { tools },
    });
    expect(response.functionCalls).toBeUndefined();
    expect(response.text).toContain('1. ● Lunch tomorrow? — from Hannah Kim');
    expect(response.text).toContain('Connect it here: http://localhost/onbehalf/authorize/x');
  });

  it('answers with help text, and never calls a function that was not declared', async () => {
    const help = await offlineGenerateContent({ model: OFFLINE_MODEL_VERSION, contents: 'hello', config: { tools } });
    expect(help.text).toContain(OFFLINE_MODEL_LABEL);
    const undeclared = await offlineGenerateContent({ model: OFFLINE_MODEL_VERSION, contents: 'show my unread emails', config: { tools: [] } });
    expect(undeclared.functionCalls).toBeUndefined();
    expect(undeclared.text).toContain(OFFLINE_MODEL_LABEL);
  });
});

describe('one loop for the stand-in and the real @google/genai client', () => {
  // The Gemini API on 127.0.0.1 whose answers are the stand-in's responses on the wire: the real
  // client then decodes them into its GenerateContentResponse as it does Gemini's.
  const requests: Array<{ path: string; body: { contents: Content[]; tools?: Tool[]; systemInstruction?: Content } }> = [];
  let url = '';
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw);
    requests.push({ path: req.url ?? '', body });
    const response = await offlineGenerateContent({ model: OFFLINE_MODEL_VERSION, contents: body.contents, config: { tools: body.tools } });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs the call and answers with its result either way', async () => {
    const direct = fakeTools();
    const offline = await runAgentLoop(options(offlineGenerateContent, direct));

    const viaSdk = fakeTools();
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: url } });
    const online = await runAgentLoop(options((params) => ai.models.generateContent(params), viaSdk));

    for (const result of [offline, online]) {
      expect(result.toolCalls).toEqual([{ name: 'gmail_fetch_mails', args: { query: 'is:unread', maxResults: 5 }, result: MAILS }]);
      expect(result.answer).toContain('Here is what gmail_fetch_mails found:\n1. ● Lunch tomorrow? — from Hannah Kim');
    }
    expect(online).toEqual(offline);
    expect(viaSdk.handled).toEqual([[{ id: expect.stringMatching(/^call_/), name: 'gmail_fetch_mails', args: { query: 'is:unread', maxResults: 5 } }]]);

    // What the real client sent: the declarations and instruction, then the model turn and the
    // functionResponse answering its call by id.
    expect(requests).toHaveLength(2);
    expect(requests[0]!.path).toContain(`models/${OFFLINE_MODEL_VERSION}:generateContent`);
    expect(requests[0]!.body.tools).toEqual([{ functionDeclarations: [{ name: 'gmail_fetch_mails', description: 'Lists mails.' }] }]);
    expect(requests[0]!.body.systemInstruction?.parts).toEqual([{ text: 'Be helpful.' }]);
    const [question, modelTurn, answer] = requests[1]!.body.contents;
    expect(question).toEqual({ role: 'user', parts: [{ text: 'show my last 5 unread emails' }] });
    const call = modelTurn!.parts![0]!.functionCall!;
    expect(modelTurn!.role).toBe('model');
    expect(answer).toEqual({ role: 'user', parts: [{ functionResponse: { id: call.id, name: 'gmail_fetch_mails', response: { output: MAILS } } }] });
  });

  it('answers calls to undeclared functions with an error, and stops a model that never finishes', async () => {
    const seen: Content[][] = [];
    const looping: GenerateContent = async ({ contents }) => {
      seen.push(structuredClone(contents as Content[]));
      return Object.assign(new GenerateContentResponse(), {
        candidates: [{ content: { role: 'model', parts: [{ functionCall: { id: `c${seen.length}`, name: 'delete_everything', args: {} } }] } }],
      });
    };
    const tools = fakeTools();
    const result = await runAgentLoop({ ...options(looping, tools), maxRounds: 3 });
    expect(result.answer).toBe('I stopped after 3 rounds of tool calls without a final answer.');
    expect(result.toolCalls.map((c) => [c.name, (c.result as { error: string }).error])).toEqual([
      ['delete_everything', 'UNKNOWN_FUNCTION'],
      ['delete_everything', 'UNKNOWN_FUNCTION'],
      ['delete_everything', 'UNKNOWN_FUNCTION'],
    ]);
    expect(seen[1]!.at(-1)).toEqual({ role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'delete_everything', response: { error: { error: 'UNKNOWN_FUNCTION', message: expect.any(String) } } } }] });
  });
});
