import { OFFLINE_MODEL_LABEL } from '@onbehalf/demo-kit';
import { generateText, isStepCount, jsonSchema, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { offlineModel } from './offline-model.ts';

const mails = [{ id: 'm1', subject: 'Lunch tomorrow?', from: 'Bob <bob@acme.test>', unread: true }];
const calls: unknown[] = [];
const tools = {
  gmail_fetch_mails: tool({
    description: 'Fetch mails',
    inputSchema: jsonSchema<{ query: string; maxResults: number }>({ type: 'object', properties: { query: { type: 'string' }, maxResults: { type: 'number' } } }),
    execute: async (input) => (calls.push(input), mails),
  }),
};

describe('the offline stand-in language model', () => {
  it('calls the planned tool, then answers from its result (generateText / doGenerate)', async () => {
    calls.length = 0;
    const result = await generateText({ model: offlineModel, tools, stopWhen: isStepCount(5), prompt: 'show my last 3 unread emails' });
    expect(calls).toEqual([{ query: 'is:unread', maxResults: 3 }]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe('Here is what gmail_fetch_mails found:\n1. ● Lunch tomorrow? — from Bob');
  });

  it('streams the same turns (streamText / doStream)', async () => {
    const result = streamText({ model: offlineModel, tools, stopWhen: isStepCount(5), prompt: 'any new mail?' });
    expect(await result.text).toContain('Lunch tomorrow?');
    expect((await result.steps)[0]!.toolCalls.map((c) => c.toolName)).toEqual(['gmail_fetch_mails']);
  });

  it('says what it can do when no tool fits, using only the tools it was given', async () => {
    expect((await generateText({ model: offlineModel, tools, prompt: 'tell me a joke' })).text).toContain(OFFLINE_MODEL_LABEL);
    expect((await generateText({ model: offlineModel, prompt: 'show my emails' })).text).toContain('(no tools are available)');
  });
});
