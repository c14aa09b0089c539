import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHeadlessStory } from '@onbehalf/demo-kit';
import { startExample, type RunningExample } from './test-support.ts';

describe('Koa + Google GenAI example against the sandbox', () => {
  let app: RunningExample;
  beforeEach(async () => {
    delete process.env.GOOGLE_API_KEY;
    delete process.env.GEMINI_API_KEY;
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
    for (const mail of list) expect(result.answer).toContain(mail.subject);
    expect(lines.join('\n')).not.toMatch(/authorize\/[A-Za-z0-9_-]{20,}/); // the link token is never printed
  });

  it('an unconnected user gets an authorization link from the agent, and Disconnect revokes', async () => {
    const ask = async (message: string) =>
      (await (await fetch(`${app.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) })).json()) as {
        answer: string;
        toolCalls: Array<{ name: string; result: { error?: string; authorizationLink?: string } }>;
      };
    const before = await ask('show my last 5 unread emails');
    expect(before.toolCalls[0]).toMatchObject({ name: 'gmail_fetch_mails', result: { error: 'AUTHORIZATION_REQUIRED' } });
    expect(before.answer).toContain(`${app.url}/onbehalf/authorize/`);
    expect(before.answer).toContain(before.toolCalls[0]!.result.authorizationLink);
    expect(app.env.sandbox.mocks.requests.filter((r) => r.api === 'gmail')).toEqual([]);

    await runHeadlessStory({ appUrl: app.url, env: app.env, user: 'demo-user', print: () => {} });
    const revoked = await (await fetch(`${app.url}/api/disconnect/gmail`, { method: 'POST' })).json();
    expect(revoked).toEqual({ status: 'REVOKED' });
    const { connections } = (await (await fetch(`${app.url}/api/accounts`)).json()) as { connections: Array<{ name: string; status: string }> };
    expect(connections.find((c) => c.name === 'gmail')?.status).toBe('REVOKED');
  });

  it('serves the demo page and answers bad requests with JSON errors', async () => {
    const page = await fetch(app.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('onbehalf demo — Koa + Google GenAI');

    const post = (path: string, init: RequestInit = {}) => fetch(`${app.url}${path}`, { method: 'POST', ...init });
    const empty = await post('/api/chat', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([empty.status, await empty.json()]).toEqual([400, { error: 'BAD_REQUEST', message: 'message is required' }]);
    const notJson = await post('/api/chat', { headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(notJson.status).toBe(415);
    const tooLarge = await post('/api/chat', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'x'.repeat(20_000) }) });
    expect(tooLarge.status).toBe(413);
    const unknown = await post('/api/connect/nope');
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, 'CONNECTION_NOT_FOUND']);
    expect((await fetch(`${app.url}/api/nothing`)).status).toBe(404);
  });
});
