import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask, runHeadlessStory } from './headless-story.ts';
import { startExample, type RunningExample } from './start-example.ts';

describe('Next.js + AI SDK example (next start) against the sandbox', () => {
  let app: RunningExample;
  beforeEach(async () => {
    app = await startExample();
  });
  afterEach(() => app?.stop());

  it('connects gmail through consent and the agent reads the unread mails of that user', async () => {
    const lines: string[] = [];
    const result = await runHeadlessStory({ appUrl: app.url, sandbox: app.sandbox, user: 'demo-user', print: (l) => void lines.push(l) });
    expect(result.status).toBe('ACTIVE');
    expect(result.toolCalls.map((c) => c.name)).toEqual(['gmail_fetch_mails']);
    expect(result.toolCalls[0]!.args).toEqual({ query: 'is:unread', maxResults: 5 });
    // The mock API saw the bound user's sandbox-issued token, and only unread mails came back.
    const calls = app.sandbox.mocks.requests.filter((r) => r.api === 'gmail');
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((r) => r.sub))).toEqual(new Set(['demo-user']));
    const mails = result.toolCalls[0]!.result as Array<{ unread: boolean; subject: string }> | { messages: Array<{ unread: boolean; subject: string }> };
    const list = Array.isArray(mails) ? mails : mails.messages;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.unread)).toBe(true);
    expect(result.answer).toContain('Here is what gmail_fetch_mails found');
    expect(result.answer).toContain(list[0]!.subject);
    expect(app.logs()).toContain('[agent:offline] show my last 5 unread emails → gmail_fetch_mails');
    for (const output of [lines.join('\n'), app.logs()]) expect(output).not.toMatch(/authorize\/[A-Za-z0-9_-]{20,}/); // link tokens are never printed
  });

  it('an unconnected user gets an authorization link from the agent, and Disconnect revokes', async () => {
    const before = await ask(app.url, 'show my last 5 unread emails');
    expect(before.toolCalls[0]!.result).toMatchObject({ error: 'AUTHORIZATION_REQUIRED', authorizationLink: expect.stringContaining(`${app.url}/onbehalf/authorize/`) });
    expect(before.answer).toMatch(/authorize\//);

    await runHeadlessStory({ appUrl: app.url, sandbox: app.sandbox, user: 'demo-user', print: () => {} });
    const revoked = await (await fetch(`${app.url}/api/disconnect/gmail`, { method: 'POST' })).json();
    expect(revoked).toEqual({ status: 'REVOKED' });
    const { connections } = (await (await fetch(`${app.url}/api/accounts`)).json()) as { connections: Array<{ name: string; status: string }> };
    expect(connections.find((c) => c.name === 'gmail')?.status).toBe('REVOKED');
  });

  it('every catalog provider of the example connects through the sandbox, and the agent posts to Slack', async () => {
    for (const connection of ['gmail', 'outlook', 'slack', 'google_calendar', 'github']) {
      const { link } = (await (await fetch(`${app.url}/api/connect/${connection}`, { method: 'POST' })).json()) as { link: string };
      const start = await fetch(link, { redirect: 'manual' });
      const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { callbackUrl } = await app.sandbox.sandbox.consent(start.headers.get('location')!, { user: 'demo-user' });
      const callback = await fetch(callbackUrl, { headers: { cookie }, redirect: 'manual' });
      expect(callback.headers.get('location'), connection).toBe(`${app.url}/?onbehalf_status=success&onbehalf_connection=${connection}`);
    }
    const { connections } = (await (await fetch(`${app.url}/api/accounts`)).json()) as { connections: Array<{ status: string }> };
    expect(connections.map((c) => c.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
    const { answer, toolCalls } = await ask(app.url, "post 'hello from the demo' to #general");
    expect(toolCalls.map((c) => c.name)).toEqual(['slack_send_message']);
    expect(answer).toContain('slack_send_message');
    expect(app.sandbox.mocks.state.slack.posted.at(-1)).toMatchObject({ text: 'hello from the demo' });
  });

  it('answers what it cannot do, and refuses malformed requests', async () => {
    expect((await ask(app.url, 'tell me a joke')).answer).toContain('offline stand-in model');
    const bad = await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"messages":"hi"}' });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${app.url}/api/connect/nope`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'CONNECTION_NOT_FOUND' });
  });
});
