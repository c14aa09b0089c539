import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { AuthorizationRequiredError, OnBehalfError } from '@onbehalf/core';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { standIn } from './test-stand-in.ts';

describe('getTools (LangChain) over a stand-in ob.tools', () => {
  it('passes the filters to ob.tools.list and binds the identifier and connection to every call', async () => {
    const { ob, listed, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    const [echo] = await getTools(ob, { identifier: 'user_1', providers: ['demo'], tools: ['demo_echo'] });
    expect(listed).toEqual([{ providers: ['demo'], tools: ['demo_echo'] }]);
    expect(echo!.name).toBe('demo_echo');
    expect(await echo!.invoke({ text: 'hi' })).toBe('{"echoed":"hi"}');
    expect(executed).toEqual([{ identifier: 'user_1', tool: 'demo_echo', input: { text: 'hi' }, connection: 'demo' }]);
  });

  it('answers a tool call with a ToolMessage: JSON content for the model, outcome and execution id as artifact', async () => {
    const { ob } = standIn(async () => ({ ok: true }));
    const [echo] = await getTools(ob, { identifier: 'user_1' });
    const message = await echo!.invoke({ type: 'tool_call', id: 'call_1', name: 'demo_echo', args: { text: 'hi' } });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message.content).toBe('{"ok":true}');
    expect(message.artifact).toEqual({ data: { ok: true }, executionId: 'exec_1' });
  });

  it('returns recoverable errors to the model and throws the ones no model can fix', async () => {
    const failing = (error: Error) => standIn(async () => { throw error; }).ob;
    const auth = new AuthorizationRequiredError('Connect Demo first.', { accountStatus: 'PENDING', authorizationLink: 'http://app.test/onbehalf/authorize/t' });
    const [needsAuth] = await getTools(failing(auth), { identifier: 'u' });
    expect(JSON.parse(await needsAuth!.invoke({ text: 'x' }))).toEqual({
      error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: 'http://app.test/onbehalf/authorize/t', message: 'Connect Demo first.',
    });
    const [strict] = await getTools(failing(auth), { identifier: 'u', onAuthorizationRequired: 'throw' });
    await expect(strict!.invoke({ text: 'x' })).rejects.toBe(auth);

    const [apiError] = await getTools(failing(new OnBehalfError('PROVIDER_API_ERROR', 'The Demo API answered 404.')), { identifier: 'u' });
    expect(JSON.parse(await apiError!.invoke({ text: 'x' }))).toEqual({ error: 'PROVIDER_API_ERROR', message: 'The Demo API answered 404.' });

    const broken = new OnBehalfError('DATABASE_ERROR', 'The database is unreachable.');
    const [unfixable] = await getTools(failing(broken), { identifier: 'u' });
    await expect(unfixable!.invoke({ text: 'x' })).rejects.toBe(broken);
    const [crashing] = await getTools(failing(new TypeError('bug')), { identifier: 'u' });
    await expect(crashing!.invoke({ text: 'x' })).rejects.toThrow('bug');
  });

  it('refuses to make tools without an identifier', async () => {
    const { ob } = standIn(async () => null);
    await expect(getTools(ob, { identifier: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(getTools(ob, {} as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
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
});
