import { AuthorizationRequiredError } from '@onbehalf/core';
import { generateText, stepCountIs } from 'ai';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { scriptedModel, textTurn, toolCallTurn, toolResultsSent } from './test-model.ts';
import { BASE_URL, useConnectedTestbed, gmailToolNames } from '@onbehalf/e2e/agent-testbed';

/** The JSON output of the first tool result the model was shown in call `index`. */
const firstOutput = (model: ReturnType<typeof scriptedModel>, index: number): any => (toolResultsSent(model, index)[0] as { output: { value: unknown } }).output.value;

describe('AI SDK generateText driving onbehalf tools against the sandbox', () => {
  const bed = useConnectedTestbed();

  it("runs the model's tool call with the bound user's token and hands the result back to the model", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', providers: ['gmail'] });
    expect(Object.keys(tools).sort()).toEqual(gmailToolNames);
    const model = scriptedModel(toolCallTurn('call_1', 'gmail_fetch_mails', { query: '', maxResults: 3 }), textTurn('You have three recent mails.'));
    const result = await generateText({ model, tools, prompt: 'What is new in my inbox?', stopWhen: stepCountIs(2) });

    expect(result.text).toBe('You have three recent mails.');
    const gmailCalls = bed.provider.mocks.requests.filter((r) => r.api === 'gmail');
    expect(gmailCalls.length).toBeGreaterThan(0);
    expect(new Set(gmailCalls.map((r) => r.sub))).toEqual(new Set(['alice']));
    const mails = firstOutput(model, 1) as { id: string }[];
    const aliceIds = bed.provider.mocks.state.gmail.mailbox('alice').messages.map((m) => m.id);
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(aliceIds).toContain(mail.id);
  });

  it('keeps the identifier out of every schema the model sees', async () => {
    const model = scriptedModel(textTurn('Nothing to do.'));
    await generateText({ model, tools: await getTools(bed.ob, { identifier: 'user_alice' }), prompt: 'Hi.' });
    const sent = model.doGenerateCalls[0]!.tools ?? [];
    expect(sent.map((t) => t.name).sort()).toEqual(gmailToolNames);
    expect(JSON.stringify(sent)).not.toContain('user_alice');
    expect(JSON.stringify(sent)).not.toMatch(/identifier/i);
  });

  it('runs a custom defineTool tool for the user it was bound to', async () => {
    const model = scriptedModel(toolCallTurn('p', 'gmail_profile', {}), textTurn('Done.'));
    await generateText({ model, tools: await getTools(bed.ob, { identifier: 'user_bob', tools: ['gmail_profile'] }), prompt: 'Who am I?', stopWhen: stepCountIs(2) });
    expect(firstOutput(model, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^bob@/) });
    expect(bed.provider.mocks.requests.map((r) => [r.path, r.sub])).toEqual([['/gmail/v1/users/me/profile', 'bob']]);
  });

  it('returns invalid input to the model as TOOL_INPUT_INVALID, without calling the provider', async () => {
    const model = scriptedModel(toolCallTurn('bad', 'gmail_fetch_mails', { maxResults: 500 }), textTurn('Let me fix that.'));
    await generateText({ model, tools: await getTools(bed.ob, { identifier: 'user_alice' }), prompt: 'All my mail.', stopWhen: stepCountIs(2) });
    expect(firstOutput(model, 1)).toEqual({ error: 'TOOL_INPUT_INVALID', message: expect.stringContaining('maxResults') });
    expect(bed.provider.mocks.requests).toEqual([]);
  });

  it('gives the model an authorization link for an unconnected user, and the link connects them', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_carol', tools: ['gmail_profile'] });
    const model = scriptedModel(toolCallTurn('a', 'gmail_profile', {}), textTurn('Please connect Gmail first.'));
    await generateText({ model, tools, prompt: 'Who am I?', stopWhen: stepCountIs(2) });
    const result = firstOutput(model, 1);
    expect(result).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`), message: expect.any(String) });
    expect(bed.provider.mocks.requests).toEqual([]);

    const opened = await bed.ob.handler(new Request(result.authorizationLink));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(new RegExp(`^${bed.provider.sandbox.issuer}/`));
    await bed.authorize(result.authorizationLink, 'carol');
    const again = scriptedModel(toolCallTurn('b', 'gmail_profile', {}), textTurn('Hello Carol.'));
    await generateText({ model: again, tools, prompt: 'Who am I now?', stopWhen: stepCountIs(2) });
    expect(firstOutput(again, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^carol@/) });
  });

  it("maps requireApproval to the SDK's tool approval: the call runs only after an approved tool-approval-response", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping', 'gmail_profile'], requireApproval: 'writes' });
    const asked = await generateText({ model: scriptedModel(toolCallTurn('w1', 'gmail_ping', { note: 'hello' })), tools, prompt: 'Ping my Gmail.', stopWhen: stepCountIs(2) });
    const request = asked.content.find((part) => part.type === 'tool-approval-request');
    expect(request).toMatchObject({ toolCall: { toolName: 'gmail_ping', input: { note: 'hello' } } });
    expect(bed.provider.mocks.requests).toEqual([]);

    const answer = (approved: boolean) => [
      { role: 'user' as const, content: 'Ping my Gmail.' },
      ...asked.response.messages,
      { role: 'tool' as const, content: [{ type: 'tool-approval-response' as const, approvalId: request!.approvalId, approved }] },
    ];
    const denied = scriptedModel(textTurn('Not pinged.'));
    await generateText({ model: denied, tools, messages: answer(false), stopWhen: stepCountIs(2) });
    expect(bed.provider.mocks.requests).toEqual([]);

    const model = scriptedModel(textTurn('Pinged.'));
    await generateText({ model, tools, messages: answer(true), stopWhen: stepCountIs(2) });
    expect(firstOutput(model, 0)).toEqual({ note: 'hello', as: expect.stringMatching(/^alice@/) });
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
    // A read is not held.
    expect(tools.gmail_profile).not.toHaveProperty('needsApproval');
  });

  it("with onAuthorizationRequired: 'throw', the AuthorizationRequiredError reaches the app", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_dave', tools: ['gmail_profile'], onAuthorizationRequired: 'throw' });
    const execute = tools.gmail_profile!.execute!({}, { toolCallId: 't', messages: [], context: undefined });
    await expect(execute).rejects.toBeInstanceOf(AuthorizationRequiredError);
    await expect(execute).rejects.toMatchObject({ accountStatus: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`) });

    // Inside generateText the step records it as a tool-error carrying the error itself.
    const model = scriptedModel(toolCallTurn('t', 'gmail_profile', {}), textTurn('Sorry.'));
    const result = await generateText({ model, tools, prompt: 'Who am I?', stopWhen: stepCountIs(2) });
    const toolError = result.steps[0]!.content.find((part) => part.type === 'tool-error');
    expect(toolError?.error).toBeInstanceOf(AuthorizationRequiredError);
  });
});
