import { GoogleGenAI, type FunctionCall, type Part } from '@google/genai';
import { AuthorizationRequiredError } from '@onbehalf/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { startFakeGemini } from './test-gemini-server.ts';
import { BASE_URL, useConnectedTestbed, createTestbed, gmailPing, gmailProfile, gmailToolNames, type Testbed } from '@onbehalf/e2e/agent-testbed';

/** Every key anywhere in a value. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
}

/** The `response` of the only functionResponse part. */
const onlyResponse = (parts: Part[]): any => {
  expect(parts).toHaveLength(1);
  return parts[0]!.functionResponse!.response;
};

describe('Google GenAI function calling on onbehalf tools against the sandbox', () => {
  const bed = useConnectedTestbed();

  it('declares the catalog tools in a shape Gemini accepts, without the identifier', async () => {
    const { functionDeclarations } = await getTools(bed.ob, { identifier: 'user_alice' });
    expect(functionDeclarations.map((d) => d.name).sort()).toEqual(gmailToolNames);
    const keys = allKeys(functionDeclarations);
    for (const unsupported of ['$schema', 'additionalProperties', '$ref', '$defs', 'exclusiveMinimum', 'exclusiveMaximum', 'const', 'oneOf', 'allOf']) expect(keys).not.toContain(unsupported);
    expect(JSON.stringify(functionDeclarations)).not.toContain('user_alice');
    expect(JSON.stringify(functionDeclarations)).not.toMatch(/identifier/i);
    // No parameters at all: Gemini refuses an OBJECT without properties.
    expect(functionDeclarations.find((d) => d.name === 'gmail_profile')).toEqual({ name: 'gmail_profile', description: gmailProfile.description });
    for (const declaration of functionDeclarations.filter((d) => d.parameters)) expect(declaration.parameters!.type).toBe('OBJECT');
  });

  it("answers Gemini's function call with the bound user's data, through the real @google/genai client", async () => {
    const { tools, handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_alice', providers: ['gmail'] });
    const gemini = await startFakeGemini([
      [{ functionCall: { id: 'call_1', name: 'gmail_fetch_mails', args: { query: '', maxResults: 3 } } }],
      [{ text: 'You have three recent mails.' }],
    ]);
    try {
      const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: gemini.url } });
      const contents = [{ role: 'user', parts: [{ text: 'What is new in my inbox?' }] }];
      const first = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents, config: { tools } });
      const parts = await handleFunctionCalls(first.functionCalls ?? []);
      const second = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: [...contents, first.candidates![0]!.content!, { role: 'user', parts }], config: { tools } });
      expect(second.text).toBe('You have three recent mails.');

      const gmailCalls = bed.provider.mocks.requests.filter((r) => r.api === 'gmail');
      expect(gmailCalls.length).toBeGreaterThan(0);
      expect(new Set(gmailCalls.map((r) => r.sub))).toEqual(new Set(['alice']));
      const sent = gemini.requests[1]!.body.contents.at(-1)!.parts![0]!.functionResponse!;
      expect(sent).toMatchObject({ id: 'call_1', name: 'gmail_fetch_mails' });
      const mails = (sent.response as { output: { id: string }[] }).output;
      const aliceIds = bed.provider.mocks.state.gmail.mailbox('alice').messages.map((m) => m.id);
      expect(mails).toHaveLength(3);
      for (const mail of mails) expect(aliceIds).toContain(mail.id);
    } finally {
      await gemini.close();
    }
  });

  it('runs a custom defineTool tool for the user it was bound to', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_bob', tools: ['gmail_profile'] });
    const calls: FunctionCall[] = [{ id: 'p', name: 'gmail_profile', args: {} }];
    expect(onlyResponse(await handleFunctionCalls(calls))).toEqual({ output: expect.objectContaining({ emailAddress: expect.stringMatching(/^bob@/) }) });
    expect(bed.provider.mocks.requests.map((r) => [r.path, r.sub])).toEqual([['/gmail/v1/users/me/profile', 'bob']]);
  });

  it('answers invalid arguments with TOOL_INPUT_INVALID, without calling the provider', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_alice' });
    expect(onlyResponse(await handleFunctionCalls([{ id: 'bad', name: 'gmail_fetch_mails', args: { maxResults: 500 } }]))).toEqual({
      error: { error: 'TOOL_INPUT_INVALID', message: expect.stringContaining('maxResults') },
    });
    expect(bed.provider.mocks.requests).toEqual([]);
  });

  it('gives the model an authorization link for an unconnected user, and the link connects them', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_carol', tools: ['gmail_profile'] });
    const calls: FunctionCall[] = [{ id: 'a', name: 'gmail_profile', args: {} }];
    const { error } = onlyResponse(await handleFunctionCalls(calls));
    expect(error).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`), message: expect.any(String) });
    expect(bed.provider.mocks.requests).toEqual([]);

    const opened = await bed.ob.handler(new Request(error.authorizationLink));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(new RegExp(`^${bed.provider.sandbox.issuer}/`));
    await bed.authorize(error.authorizationLink, 'carol');
    expect(onlyResponse(await handleFunctionCalls(calls))).toEqual({ output: expect.objectContaining({ emailAddress: expect.stringMatching(/^carol@/) }) });
  });

  it('answers a held write call with an approval request; after ob.tools.approve the same call runs, once', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'], requireApproval: 'writes' });
    const call: FunctionCall[] = [{ id: 'w', name: 'gmail_ping', args: { note: 'hello' } }];
    const { error } = onlyResponse(await handleFunctionCalls(call));
    expect(error).toEqual({ error: 'APPROVAL_REQUIRED', approvalId: expect.stringMatching(/^apr_/), tool: 'gmail_ping', input: { note: 'hello' }, message: expect.stringContaining('approval') });
    expect(bed.provider.mocks.requests).toEqual([]);

    // The app shows the request to the person, who says yes.
    expect(bed.ob.tools.approval(error.approvalId)).toMatchObject({ identifier: 'user_alice', input: { note: 'hello' } });
    bed.ob.tools.approve(error.approvalId, { identifier: 'user_alice' });
    // Another input is another call: still held.
    expect(onlyResponse(await handleFunctionCalls([{ id: 'x', name: 'gmail_ping', args: { note: 'other' } }])).error).toMatchObject({ error: 'APPROVAL_REQUIRED' });
    expect(onlyResponse(await handleFunctionCalls(call))).toEqual({ output: { note: 'hello', as: expect.stringMatching(/^alice@/) } });
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
    expect(onlyResponse(await handleFunctionCalls(call)).error).toMatchObject({ error: 'APPROVAL_REQUIRED' });
    expect(bed.provider.mocks.requests).toHaveLength(1);
  });

  it("with onAuthorizationRequired: 'throw', handleFunctionCalls rejects with AuthorizationRequiredError", async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_dave', tools: ['gmail_profile'], onAuthorizationRequired: 'throw' });
    const handled = handleFunctionCalls([{ name: 'gmail_profile', args: {} }]);
    await expect(handled).rejects.toBeInstanceOf(AuthorizationRequiredError);
    await expect(handled).rejects.toMatchObject({ accountStatus: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`) });
  });
});

describe('Google GenAI function calls through onbehalf hooks and the output bound', () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await createTestbed({
      tools: [gmailProfile, gmailPing],
      maxOutputChars: 300,
      hooks: {
        // Policy: no pings about passwords; every ping is tagged; addresses never reach the model.
        beforeExecute: ({ tool, input }) => {
          if (tool.name !== 'gmail_ping') return undefined;
          const { note } = input as { note: string };
          return /password/i.test(note) ? { deny: 'Pings must not mention passwords.' } : { input: { note: `[bot] ${note}` } };
        },
        afterExecute: ({ output }) => (output && typeof output === 'object' && 'as' in output ? { output: { ...output, as: '[redacted]' } } : undefined),
      },
    });
    await bed.connect('user_alice', 'alice');
  });
  afterAll(() => bed?.close());
  beforeEach(() => {
    bed.provider.mocks.requests.length = 0;
  });

  it('hands the model a denial as TOOL_DENIED with the reason, and the provider is never called', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'] });
    expect(onlyResponse(await handleFunctionCalls([{ id: 'd', name: 'gmail_ping', args: { note: 'my password is x' } }]))).toEqual({
      error: { error: 'TOOL_DENIED', message: 'Pings must not mention passwords.' },
    });
    expect(bed.provider.mocks.requests).toEqual([]);
  });

  it('runs the input the hook changed and returns the output the hook redacted', async () => {
    const { handleFunctionCalls } = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'] });
    expect(onlyResponse(await handleFunctionCalls([{ id: 'p', name: 'gmail_ping', args: { note: 'hi' } }]))).toEqual({ output: { note: '[bot] hi', as: '[redacted]' } });
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
  });

  it('cuts an output longer than maxOutputChars, telling the model how much is missing; getTools can widen it', async () => {
    const narrow = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_fetch_mails'] });
    const call = [{ id: 'm', name: 'gmail_fetch_mails', args: { maxResults: 5 } }];
    const { output } = onlyResponse(await narrow.handleFunctionCalls(call));
    expect(typeof output).toBe('string');
    expect(output).toMatch(/^\[\{/);
    expect(output).toMatch(/output truncated — \d+ of \d+ characters cut \(only the first 300 shown\)/);
    const wide = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_fetch_mails'], maxOutputChars: 100_000 });
    expect(onlyResponse(await wide.handleFunctionCalls(call)).output).toHaveLength(5);
  });
});
