import { Agent, run, ToolCallError, type FunctionTool } from '@openai/agents';
import { assistantMessage, functionCall, ScriptedModel } from '@openai/agents/testing';
import { AuthorizationRequiredError } from '@onbehalf/core';
import { describe, expect, it } from 'vitest';
import { getTools } from './index.ts';
import { toolOutputsSent } from './test-model.ts';
import { BASE_URL, useConnectedTestbed, gmailToolNames } from '@onbehalf/e2e/agent-testbed';

/** Arguments as a model in strict mode writes them: every property present, the ones it leaves out as null. */
function strictArgs(tools: FunctionTool<unknown, any>[], name: string, given: Record<string, unknown>): Record<string, unknown> {
  const properties = Object.keys((tools.find((t) => t.name === name)!.parameters as { properties: object }).properties);
  return Object.fromEntries(properties.map((key) => [key, key in given ? given[key] : null]));
}

/** A real Agent over `tools` whose model plays `turns`; returns the model and the run's result. */
async function runAgent(tools: FunctionTool<unknown, any>[], prompt: string, ...turns: ConstructorParameters<typeof ScriptedModel>[0][]) {
  const model = new ScriptedModel(turns.flat() as never);
  const result = await run(new Agent({ name: 'assistant', model, tools }), prompt);
  return { model, result };
}

const onlyOutput = (model: ScriptedModel, index: number): any => {
  const outputs = toolOutputsSent(model, index);
  expect(outputs).toHaveLength(1);
  return outputs[0]!.output;
};

describe('an OpenAI Agents SDK agent driving onbehalf tools against the sandbox', () => {
  const bed = useConnectedTestbed();

  it("runs the model's strict call (nulls for what it leaves out) with the bound user's token and hands the result back", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', providers: ['gmail'] });
    expect(tools.map((tool) => tool.name).sort()).toEqual(gmailToolNames);
    const args = strictArgs(tools, 'gmail_fetch_mails', { maxResults: 3 });
    expect(args).toEqual({ query: null, maxResults: 3 });
    const { model, result } = await runAgent(tools, 'What is new in my inbox?', [[functionCall('gmail_fetch_mails', args, { callId: 'call_1' })], [assistantMessage('You have three recent mails.')]]);

    expect(result.finalOutput).toBe('You have three recent mails.');
    const gmailCalls = bed.provider.mocks.requests.filter((r) => r.api === 'gmail');
    expect(gmailCalls.length).toBeGreaterThan(0);
    expect(new Set(gmailCalls.map((r) => r.sub))).toEqual(new Set(['alice']));
    const mails = onlyOutput(model, 1) as { id: string }[];
    const aliceIds = bed.provider.mocks.state.gmail.mailbox('alice').messages.map((m) => m.id);
    expect(mails).toHaveLength(3);
    for (const mail of mails) expect(aliceIds).toContain(mail.id);
  });

  it('shows the model strict tools with no identifier anywhere', async () => {
    const { model } = await runAgent(await getTools(bed.ob, { identifier: 'user_alice' }), 'Hi.', [[assistantMessage('Nothing to do.')]]);
    const sent = model.calls[0]!.request.tools;
    expect(sent.map((t) => (t as { name?: string }).name).sort()).toEqual(gmailToolNames);
    for (const tool of sent) expect(tool).toMatchObject({ type: 'function', strict: true, parameters: { type: 'object', additionalProperties: false } });
    expect(JSON.stringify(sent)).not.toContain('user_alice');
    expect(JSON.stringify(sent)).not.toMatch(/identifier/i);
  });

  it('runs a custom defineTool tool for the user it was bound to', async () => {
    const { model } = await runAgent(await getTools(bed.ob, { identifier: 'user_bob', tools: ['gmail_profile'] }), 'Who am I?', [[functionCall('gmail_profile', {}, { callId: 'p' })], [assistantMessage('Done.')]]);
    expect(onlyOutput(model, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^bob@/) });
    expect(bed.provider.mocks.requests.map((r) => [r.path, r.sub])).toEqual([['/gmail/v1/users/me/profile', 'bob']]);
  });

  it('returns invalid input to the model as TOOL_INPUT_INVALID, without calling the provider', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice' });
    const args = strictArgs(tools, 'gmail_fetch_mails', { maxResults: 500 });
    const { model } = await runAgent(tools, 'All my mail.', [[functionCall('gmail_fetch_mails', args, { callId: 'bad' })], [assistantMessage('Let me fix that.')]]);
    expect(onlyOutput(model, 1)).toEqual({ error: 'TOOL_INPUT_INVALID', message: expect.stringContaining('maxResults') });
    expect(bed.provider.mocks.requests).toEqual([]);
  });

  it('gives the model an authorization link for an unconnected user, and the link connects them', async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_carol', tools: ['gmail_profile'] });
    const { model } = await runAgent(tools, 'Who am I?', [[functionCall('gmail_profile', {}, { callId: 'a' })], [assistantMessage('Please connect Gmail first.')]]);
    const result = onlyOutput(model, 1);
    expect(result).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`), message: expect.any(String) });
    expect(bed.provider.mocks.requests).toEqual([]);

    await bed.authorize(result.authorizationLink, 'carol');
    const again = await runAgent(tools, 'Who am I now?', [[functionCall('gmail_profile', {}, { callId: 'b' })], [assistantMessage('Hello Carol.')]]);
    expect(onlyOutput(again.model, 1)).toMatchObject({ emailAddress: expect.stringMatching(/^carol@/) });
  });

  it("with onAuthorizationRequired: 'throw', run() rejects with a ToolCallError carrying the AuthorizationRequiredError", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_dave', tools: ['gmail_profile'], onAuthorizationRequired: 'throw' });
    const failure = await runAgent(tools, 'Who am I?', [[functionCall('gmail_profile', {}, { callId: 't' })], [assistantMessage('Sorry.')]]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolCallError);
    expect((failure as ToolCallError).error).toBeInstanceOf(AuthorizationRequiredError);
    expect((failure as ToolCallError).error).toMatchObject({ accountStatus: 'PENDING', authorizationLink: expect.stringMatching(`^${BASE_URL}/authorize/`) });
  });
  it("maps requireApproval to the SDK's needsApproval: the call waits in interruptions and runs after state.approve", async () => {
    const tools = await getTools(bed.ob, { identifier: 'user_alice', tools: ['gmail_ping'], requireApproval: 'writes' });
    const attempt = async (decide: 'approve' | 'reject') => {
      const model = new ScriptedModel([[functionCall('gmail_ping', { note: 'hello' }, { callId: `w_${decide}` })], [assistantMessage('Done.')]] as never);
      const agent = new Agent({ name: 'assistant', model, tools });
      const first = await run(agent, 'Ping my Gmail.');
      expect(first.interruptions.map((item) => item.name)).toEqual(['gmail_ping']);
      expect(bed.provider.mocks.requests).toEqual([]);
      first.state[decide](first.interruptions[0]!);
      await run(agent, first.state);
      return model;
    };
    await attempt('reject');
    expect(bed.provider.mocks.requests).toEqual([]);
    const model = await attempt('approve');
    expect(onlyOutput(model, 1)).toEqual({ note: 'hello', as: expect.stringMatching(/^alice@/) });
    expect(bed.provider.mocks.requests.map((r) => r.sub)).toEqual(['alice']);
  });
});
