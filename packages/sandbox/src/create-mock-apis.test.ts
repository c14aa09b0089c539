import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeVerifyAccessToken, startTestMockServer } from '../test/support/test-mock-server.ts';
import { createMockApis } from './create-mock-apis.ts';
import { MOCK_API_BASES, mockBaseUrl, toMockUrl } from './mock-urls.ts';
import { SANDBOX_PROVIDER_MODULES } from './providers/index.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('createMockApis', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  it('records every call with its real provider URL and the caller', async () => {
    s.mock.requests.length = 0;
    await s.call('GET', '/gmail/v1/users/me/messages?q=is%3Aunread&maxResults=5');
    await s.call('POST', '/slack/api/chat.postMessage', { body: { channel: 'general', text: 'hi' } });
    await s.call('GET', '/github/user', { token: null });
    expect(s.mock.requests).toEqual([
      { api: 'gmail', method: 'GET', path: '/gmail/v1/users/me/messages', query: { q: 'is:unread', maxResults: '5' }, sub: 'alice', url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages?q=is%3Aunread&maxResults=5', status: 200 },
      { api: 'slack', method: 'POST', path: '/slack/api/chat.postMessage', query: {}, body: { channel: 'general', text: 'hi' }, sub: 'alice', url: 'https://slack.com/api/chat.postMessage', status: 200 },
      { api: 'github', method: 'GET', path: '/github/user', query: {}, url: 'https://api.github.com/user', status: 401 },
    ]);
  });

  it('failNext injects provider-shaped failures for a number of calls, with headers', async () => {
    s.mock.failNext('github', 429, 1, { 'retry-after': '1' });
    const limited = await s.call('GET', '/github/user');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json).toMatchObject({ message: expect.stringContaining('rate limit'), documentation_url: expect.any(String) });
    expect((await s.call('GET', '/github/user')).status).toBe(200);

    s.mock.failNext('github', 401);
    const revoked = await s.call('GET', '/github/user');
    expect(revoked.json).toMatchObject({ message: 'Bad credentials' });

    s.mock.failNext('gmail', 503, 2);
    const a = await s.call('GET', '/gmail/v1/users/me/profile');
    const b = await s.call('GET', '/gmail/v1/users/me/profile');
    const c = await s.call('GET', '/gmail/v1/users/me/profile');
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.json.error).toMatchObject({ code: 503, status: 'UNAVAILABLE' });

    s.mock.failNext('slack', 429);
    const slack = await s.call('GET', '/slack/api/auth.test');
    expect(slack.status).toBe(429);
    expect(slack.json).toEqual({ ok: false, error: 'ratelimited' });

    s.mock.failNext('notion', 500);
    const notion = await s.call('POST', '/notion/v1/search', { body: {}, headers: { 'notion-version': '2022-06-28' } });
    expect(notion.json).toMatchObject({ object: 'error', status: 500, code: 'internal_server_error' });
    expect(s.mock.requests.at(-1)).toMatchObject({ api: 'notion', status: 500, sub: 'alice' });
  });

  it('seeds the same data for the same seed and subject, and different data for others', async () => {
    const other = await startTestMockServer({ seed: 'another-seed' });
    try {
      const ids = async (server: Server, token = 'tok-alice') => (await server.call('GET', '/gmail/v1/users/me/messages', { token })).json.messages.map((m: { id: string }) => m.id);
      const again = await startTestMockServer();
      try {
        expect(await ids(again)).toEqual(await ids(s));
      } finally {
        await again.close();
      }
      expect(await ids(other)).not.toEqual(await ids(s));
      expect(await ids(s, 'tok-bob')).not.toEqual(await ids(s));
    } finally {
      await other.close();
    }
  });

  it('answers 404 JSON outside the mock prefixes', async () => {
    const r = await s.call('GET', '/nowhere');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: 'not_found' });
  });

  it('maps real URLs to mock URLs and exposes the prefixes', () => {
    expect(toMockUrl('https://gmail.googleapis.com/gmail/v1/users/me/messages?q=x', 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9/gmail/v1/users/me/messages?q=x');
    expect(toMockUrl('https://www.googleapis.com/calendar/v3/calendars/primary/events', 'http://h')).toBe('http://h/calendar/v3/calendars/primary/events');
    expect(toMockUrl('https://slack.com/api/chat.postMessage', 'http://h/')).toBe('http://h/slack/api/chat.postMessage');
    expect(toMockUrl('https://api.github.com/user/repos', 'http://h')).toBe('http://h/github/user/repos');
    expect(toMockUrl('https://api.notion.com/v1/search', 'http://h')).toBe('http://h/notion/v1/search');
    expect(() => toMockUrl('https://example.com/x', 'http://h')).toThrow();
    expect(mockBaseUrl('github', 'http://h')).toBe('http://h/github');
    const mock = createMockApis({ verifyAccessToken: fakeVerifyAccessToken });
    // Each module's prefix, and the further prefixes some serve (Drive's uploads).
    const expected = SANDBOX_PROVIDER_MODULES.flatMap((m) => [m.prefix, ...(m.alsoServes ?? []).map((also) => also.prefix)]);
    expect(mock.prefixes.sort()).toEqual(expected.sort());
    expect(Object.values(MOCK_API_BASES).map((b) => b.prefix).sort()).toEqual(SANDBOX_PROVIDER_MODULES.map((m) => m.prefix).sort());
  });

  it('applies per-API latency without changing answers', async () => {
    s.mock.setLatency('slack', 5);
    expect((await s.call('GET', '/slack/api/auth.test')).json.ok).toBe(true);
    s.mock.setLatency('slack', 0);
  });
});
