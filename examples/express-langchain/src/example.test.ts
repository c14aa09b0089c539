import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHeadlessStory } from '@onbehalf/demo-kit';
import { startExample, type RunningExample } from './test-support.ts';

describe('Express + LangChain example against the sandbox', () => {
  let app: RunningExample;
  beforeEach(async () => {
    delete process.env.OPENAI_API_KEY;
    app = await startExample();
  });
  afterEach(() => app.stop());

  it('connects gmail through consent and the agent reads the unread mails of that user', async () => {
    const lines: string[] = [];
    const result = await runHeadlessStory({ appUrl: app.url, env: app.env, user: 'demo-user', print: (l) => void lines.push(l) });
    expect(result.status).toBe('ACTIVE');
    expect(result.toolCalls.map((c) => c.name)).toEqual(['gmail_fetch_mails']);
    expect(result.toolCalls[0]!.args).toMatchObject({ query: 'is:unread', maxResults: 5 });
    // The mock API saw the bound user's sandbox-issued token, and only unread mails came back.
    const calls = app.env.sandbox.mocks.requests.filter((r) => r.api === 'gmail');
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((r) => r.sub))).toEqual(new Set(['demo-user']));
    const mails = result.toolCalls[0]!.result as Array<{ unread: boolean; subject: string }> | { messages: Array<{ unread: boolean; subject: string }> };
    const list = Array.isArray(mails) ? mails : mails.messages;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.unread)).toBe(true);
    expect(result.answer).toContain(list[0]!.subject);
    expect(lines.join('\n')).not.toMatch(/authorize\/[A-Za-z0-9_-]{20,}/); // the link token is never printed
  });

  it('an unconnected user gets an authorization link from the agent, and Disconnect revokes', async () => {
    const ask = async (message: string) =>
      (await (await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) })).json()) as { answer: string };
    const before = await ask('show my last 5 unread emails');
    expect(before.answer).toMatch(/authorize\//);

    await runHeadlessStory({ appUrl: app.url, env: app.env, user: 'demo-user', print: () => {} });
    const revoked = await (await fetch(`${app.url}/api/disconnect/gmail`, { method: 'POST' })).json();
    expect(revoked).toEqual({ status: 'REVOKED' });
    const { connections } = (await (await fetch(`${app.url}/api/accounts`)).json()) as { connections: Array<{ name: string; status: string }> };
    expect(connections.find((c) => c.name === 'gmail')?.status).toBe('REVOKED');
  });

  it('every catalog provider of the example connects through the sandbox with its real provider definition', async () => {
    for (const connection of ['gmail', 'outlook', 'slack', 'google_calendar', 'github']) {
      const { link } = (await (await fetch(`${app.url}/api/connect/${connection}`, { method: 'POST' })).json()) as { link: string };
      const start = await fetch(link, { redirect: 'manual' });
      const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { callbackUrl } = await app.env.sandbox.sandbox.consent(start.headers.get('location')!, { user: 'demo-user' });
      const callback = await fetch(callbackUrl, { headers: { cookie }, redirect: 'manual' });
      expect(callback.headers.get('location'), connection).toContain('onbehalf_status=success');
    }
    const { connections } = (await (await fetch(`${app.url}/api/accounts`)).json()) as { connections: Array<{ status: string }> };
    expect(connections.map((c) => c.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const { answer } = (await (await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: "post 'hello from the demo' to #general" }) })).json()) as { answer: string };
    expect(answer).toContain('slack_send_message');
    expect(app.env.sandbox.mocks.state.slack.posted.at(-1)).toMatchObject({ text: 'hello from the demo' });
    // Outlook next to Gmail: the same agent reads the Outlook mailbox through the Graph mock.
    const outlook = (await (await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'show my unread Outlook mail' }) })).json()) as { answer: string };
    expect(outlook.answer).toContain('outlook_list_messages');
    expect(outlook.answer).toContain('● Q3 budget review');
  });
});
