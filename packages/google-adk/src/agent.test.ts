import { BasePlugin, InMemoryRunner, LlmAgent, type FunctionTool } from '@google/adk';
import { AuthorizationRequiredError } from '@onbehalf/core';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { callTurn, ScriptedLlm, textTurn } from './test-model.ts';
import { BASE_URL, useConnectedTestbed, gmailToolNames } from '@onbehalf/e2e/agent-testbed';

/** One user turn of a real ADK agent over `tools`, its model played by `model`. */
async function runAgent(model: ScriptedLlm, tools: FunctionTool[], text: string) {
  const runner = new InMemoryRunner({ agent: new LlmAgent({ name: 'assistant', model, tools }) });
  const events = [];
  for await (const event of runner.runEphemeral({ userId: 'app_user', newMessage: { role: 'user', parts: [{ text }] } })) events.push(event);
  return events;
}

/** The response of the only function response the model was sent in request `index`. */
const onlyResponse = (model: ScriptedLlm, index: number): any => {
  const responses = model.functionResponses(index);
  expect(responses).toHaveLength(1);
  return responses[0]!.response;
};

describe('a Google ADK agent driving onbehalf tools against the sandbox', () => {
  const bed = useConnectedTestbed();

  it("runs the model's function call with the bound user's token and hands the result back to the model", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', providers: ['gmail'] });
    expect(tools.map((tool) => tool.name).sort()).toEqual(gmailToolNames);
    const model = new ScriptedLlm(callTurn('call_1', 'gmail_fetch_mails', { query: '', maxResults: 3 }), textTurn('You have three recent mails.'));
    const events = await runAgent(model, tools, 'What is new in my inbox?');

    expect(events.at(-1)?.content?.parts?.[0]?.text).toBe('You have three recent mails.');
    const gmailCalls = bed.provider.mocks.requests.filter((r) => r.api === 'gmail');
    expect(gmailCalls.length).toBeGreaterThan(0);
    expect(new Set(gmailCalls.map((r) => r.sub))).toEqual(new Set(['alice']));
    // ADK sends a list as { results }.
    const { results: mails } = onlyResponse(model, 1) as { results: { id: string }[] };
    const aliceIds = bed.provider.mocks.state.gmail.mailbox('alice').messages.map((m) => m.id);
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(aliceIds).toContain(mail.id);
  });

  it('declares the tools to the model in the gemini dialect, with no identifier anywhere', async () => {
    const model = new ScriptedLlm(textTurn('Nothing to do.'));
    await runAgent(model, await getTools(bed.ob, { identifier: 'user_alice' }), 'Hi.');
    const declarations = model.declarations(0);
    expect(declarations.map((d) => d.name).sort()).toEqual(gmailToolNames);
    for (const declaration of declarations) expect(declaration.parameters?.type).toBe('OBJECT');
    const sent = JSON.stringify(declarations);
    for (const unsupported of ['$schema', 'additionalProperties', '"const"', '"anyOf"']) expect(sent).not.toContain(unsupported);
    expect(sent).not.toContain('user_alice');
    expect(sent).not.toMatch(/identifier/i);
  });

  it('runs a custom defineTool tool for the user it was bound to', async () => {
    const model = new ScriptedLlm(callTurn('p', 'gmail_profile', {}), textTurn('Done.'));
    await runAgent(model, await getTools(bed.ob, { identifier: 'user_bob', tools: ['gmail_profile'] }), 'Who am I?');
    expect(onlyResponse(model, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^bob@/) });
    expect(bed.provider.mocks.requests.map((r) => [r.path, r.sub])).toEqual([['/gmail/v1/users/me/profile', 'bob']]);
  });

  it('returns invalid input to the model as TOOL_INPUT_INVALID, without calling the provider', async () => {
    const model = new ScriptedLlm(callTurn('bad', 'gmail_fetch_mails', { maxResults: 500 }), textTurn('Let me fix that.'));
    await runAgent(model, await getTools(bed.ob, { identifier: 'user_alice' }), 'All my mail.');
    expect(onlyResponse(model, 1)).toEqual({ error: 'TOOL_INPUT_INVALID', message: expect.stringContaining('maxResults') });
    expect(bed.provider.mocks.requests).toEqual([]);
  });

  it('gives the model an authorization link for an unconnected user, and the link connects them', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_carol', tools: ['gmail_profile'] });
    const model = new ScriptedLlm(callTurn('a', 'gmail_profile', {}), textTurn('Please connect Gmail first.'));
    await runAgent(model, tools, 'Who am I?');
    const result = onlyResponse(model, 1);
    expect(result).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`), message: expect.any(String) });
    expect(bed.provider.mocks.requests).toEqual([]);

    await bed.authorize(result.authorizationLink, 'carol');
    const again = new ScriptedLlm(callTurn('b', 'gmail_profile', {}), textTurn('Hello Carol.'));
    await runAgent(again, tools, 'Who am I now?');
    expect(onlyResponse(again, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^carol@/) });
  });

  it("with onAuthorizationRequired: 'throw', a plugin's onToolErrorCallback receives the AuthorizationRequiredError itself", async () => {
    const seen: unknown[] = [];
    class ConnectFirst extends BasePlugin {
      override async onToolErrorCallback({ error }: { error: Error }) {
        seen.push(error);
        return error instanceof AuthorizationRequiredError ? { error: 'CONNECT_FIRST', link: error.authorizationLink } : undefined;
      }
    }
    const tools = await getTools(bed.ob, { identifier: 'user_dave', tools: ['gmail_profile'], onAuthorizationRequired: 'throw' });
    const model = new ScriptedLlm(callTurn('t', 'gmail_profile', {}), textTurn('Sorry.'));
    const runner = new InMemoryRunner({ agent: new LlmAgent({ name: 'assistant', model, tools }), plugins: [new ConnectFirst('connect-first')] });
    for await (const _event of runner.runEphemeral({ userId: 'app_user', newMessage: { role: 'user', parts: [{ text: 'Who am I?' }] } }));
    expect(seen).toEqual([expect.any(AuthorizationRequiredError)]);
    expect(seen[0]).toMatchObject({ accountStatus: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`) });
    expect(onlyResponse(model, 1)).toEqual({ error: 'CONNECT_FIRST', link: (seen[0] as AuthorizationRequiredError).authorizationLink });
  });
  it("maps requireApproval to ADK's requireConfirmation: the turn asks with adk_request_confirmation, and the tool runs once confirmed", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'], requireApproval: 'writes' });
    const attempt = async (confirmed: boolean) => {
      const model = new ScriptedLlm(callTurn(`w_${confirmed}`, 'gmail_ping', { note: 'hello' }), textTurn('Done.'));
      const runner = new InMemoryRunner({ agent: new LlmAgent({ name: 'assistant', model, tools }) });
      const session = await runner.sessionService.createSession({ appName: runner.appName, userId: 'app_user' });
      const turn = async (newMessage: { role: string; parts: object[] }) => {
        const events = [];
        for await (const event of runner.runAsync({ userId: 'app_user', sessionId: session.id, newMessage })) events.push(event);
        return events;
      };
      const asked = (await turn({ role: 'user', parts: [{ text: 'Ping my Gmail.' }] }))
        .flatMap((event) => event.content?.parts ?? []).find((part) => part.functionCall?.name === 'adk_request_confirmation')?.functionCall;
      expect(asked?.args).toMatchObject({ originalFunctionCall: { name: 'gmail_ping', args: { note: 'hello' } } });
      expect(bed.provider.mocks.requests).toEqual([]);
      await turn({ role: 'user', parts: [{ functionResponse: { id: asked!.id, name: 'adk_request_confirmation', response: { confirmed } } }] });
      return model;
    };
    await attempt(false);
    expect(bed.provider.mocks.requests).toEqual([]);
    const model = await attempt(true);
    expect(model.functionResponses(1).find((r) => r.name === 'gmail_ping')?.response).toEqual({ note: 'hello', as: expect.stringMatching(/^alice@/) });
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
  });
});
