import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { AuthorizationRequiredError } from '@onbehalf/core';
import { createAgent, createMiddleware } from 'langchain';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { BASE_URL, useConnectedTestbed, gmailToolNames } from '@onbehalf/e2e/agent-testbed';
import { Command, MemorySaver } from '@langchain/langgraph';

/** The tool results the model was shown, parsed. */
const toolResults = (messages: BaseMessage[]) => messages.filter((m) => ToolMessage.isInstance(m)).map((m) => JSON.parse(m.content as string));

describe('LangChain createAgent driving onbehalf tools against the sandbox', () => {
  const bed = useConnectedTestbed();

  it("runs the model's tool call with the bound user's token and hands the result back to the model", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', providers: ['gmail'] });
    expect(tools.map((t) => t.name).sort()).toEqual(gmailToolNames);
    const model = fakeModel()
      .respondWithTools([{ name: 'gmail_fetch_mails', args: { query: '', maxResults: 3 }, id: 'call_1' }])
      .respond(new AIMessage('You have three recent mails.'));
    const { messages } = await createAgent({ model, tools }).invoke({ messages: [{ role: 'user', content: 'What is new in my inbox?' }] });

    const gmailCalls = bed.provider.mocks.requests.filter((r) => r.api === 'gmail');
    expect(gmailCalls.length).toBeGreaterThan(0);
    expect(new Set(gmailCalls.map((r) => r.sub))).toEqual(new Set(['alice']));
    const [mails] = toolResults(model.calls[1]!.messages);
    const aliceIds = bed.provider.mocks.state.gmail.mailbox('alice').messages.map((m) => m.id);
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(aliceIds).toContain(mail.id);
    expect(messages.at(-1)!.content).toBe('You have three recent mails.');
  });

  it('keeps the identifier out of every schema the model sees', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice' });
    const schemas = JSON.stringify(tools.map((t) => convertToOpenAITool(t)));
    expect(schemas).not.toContain('user_alice');
    expect(schemas).not.toMatch(/identifier/i);
  });

  it('runs a custom defineTool tool for the user it was bound to', async () => {
    const model = fakeModel().respondWithTools([{ name: 'gmail_profile', args: {}, id: 'p' }]).respond(new AIMessage('Done.'));
    await createAgent({ model, tools: await getTools(bed.ob, { identifier: 'user_bob', tools: ['gmail_profile'] }) }).invoke({ messages: [{ role: 'user', content: 'Who am I?' }] });
    expect(toolResults(model.calls[1]!.messages)).toEqual([expect.objectContaining({ emailAddress: expect.stringMatching(/^bob@/) })]);
    expect(bed.provider.mocks.requests.map((r) => [r.path, r.sub])).toEqual([['/gmail/v1/users/me/profile', 'bob']]);
  });

  it('gives the model an authorization link for an unconnected user, and the link connects them', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_carol', tools: ['gmail_profile'] });
    const model = fakeModel()
      .respondWithTools([{ name: 'gmail_profile', args: {}, id: 'a' }])
      .respond(new AIMessage('Please connect Gmail first.'));
    await createAgent({ model, tools }).invoke({ messages: [{ role: 'user', content: 'Who am I?' }] });
    const [result] = toolResults(model.calls[1]!.messages);
    expect(result).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`), message: expect.any(String) });
    expect(bed.provider.mocks.requests).toEqual([]);

    const opened = await bed.ob.handler(new Request(result.authorizationLink));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(new RegExp(`^${bed.provider.sandbox.issuer}/`));
    await bed.authorize(result.authorizationLink, 'carol');
    expect(JSON.parse(await tools[0]!.invoke({}))).toMatchObject({ emailAddress: expect.stringMatching(/^carol@/) });
  });

  it('pauses createAgent with an interrupt for a held write call; approve runs it once, reject tells the model', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'], requireApproval: 'writes' });
    const run = async (thread: string, decision: { type: string; message?: string }) => {
      const model = fakeModel()
        .respondWithTools([{ name: 'gmail_ping', args: { note: 'hello' }, id: `call_${thread}` }])
        .respond(new AIMessage('Done.'));
      const agent = createAgent({ model, tools, checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: thread } };
      const paused = await agent.invoke({ messages: [{ role: 'user', content: 'Ping my Gmail.' }] }, config);
      const request = (paused as { __interrupt__?: { value: any }[] }).__interrupt__?.[0]?.value;
      expect(request).toEqual({
        actionRequests: [{ name: 'gmail_ping', args: { note: 'hello' }, description: expect.stringContaining('approval') }],
        reviewConfigs: [{ actionName: 'gmail_ping', allowedDecisions: ['approve', 'reject'] }],
      });
      expect(bed.provider.mocks.requests).toEqual([]);
      await agent.invoke(new Command({ resume: { decisions: [decision] } }), config);
      return toolResults(model.calls[1]!.messages);
    };

    expect(await run('no', { type: 'reject', message: 'Alice said no.' })).toEqual([{ error: 'TOOL_DENIED', message: 'Alice said no.' }]);
    expect(bed.provider.mocks.requests).toEqual([]);
    expect(await run('yes', { type: 'approve' })).toEqual([{ note: 'hello', as: expect.stringMatching(/^alice@/) }]);
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
  });

  it('outside a resumable graph a held call answers APPROVAL_REQUIRED, and runs after ob.tools.approve', async () => {
    const [ping] = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'], requireApproval: 'writes' });
    const call = { name: 'gmail_ping', args: { note: 'plain' }, id: 'c1', type: 'tool_call' as const };
    const held = JSON.parse((await ping!.invoke(call)).content as string);
    expect(held).toMatchObject({ error: 'APPROVAL_REQUIRED', approvalId: expect.any(String), input: { note: 'plain' } });
    bed.ob.tools.approve(held.approvalId);
    expect(JSON.parse((await ping!.invoke(call)).content as string)).toEqual({ note: 'plain', as: expect.stringMatching(/^alice@/) });
    expect(bed.provider.mocks.requests).toHaveLength(1);
  });

  it("with onAuthorizationRequired: 'throw', rethrows AuthorizationRequiredError", async () => {
    const [profile] = await getTools(bed.ob, { identifier: 'user_dave', tools: ['gmail_profile'], onAuthorizationRequired: 'throw' });
    const call = profile!.invoke({ type: 'tool_call', id: 't', name: 'gmail_profile', args: {} });
    await expect(call).rejects.toBeInstanceOf(AuthorizationRequiredError);
    await expect(call).rejects.toMatchObject({ accountStatus: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`) });

    // createAgent hands tool errors to the model, except with a wrapToolCall middleware in the chain.
    const passThrough = createMiddleware({ name: 'PassThrough', wrapToolCall: (request, handler) => handler(request) });
    const model = fakeModel().respondWithTools([{ name: 'gmail_profile', args: {}, id: 't' }]).respond(new AIMessage('Sorry.'));
    const run = createAgent({ model, tools: [profile!], middleware: [passThrough] }).invoke({ messages: [{ role: 'user', content: 'Who am I?' }] });
    await expect(run).rejects.toBeInstanceOf(AuthorizationRequiredError);
  });

  it('returns a provider API refusal to the model as an error it can report', async () => {
    bed.provider.mocks.failNext('gmail', 403);
    const [profile] = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_profile'] });
    expect(JSON.parse(await profile!.invoke({}))).toEqual({ error: 'PROVIDER_API_ERROR', message: expect.stringContaining('403') });
  });
});
