import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../accounts/account-types.ts';
import type { RequestAuth } from './request-auth.ts';
import { OnBehalfError } from '../errors.ts';
import { githubToolkit } from '../catalog/github/index.ts';
import { slackToolkit } from '../catalog/slack/index.ts';
import type { Provider } from '../providers/provider-types.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createAuthenticatedFetch, type AuthenticatedFetchOptions } from './authenticated-fetch.ts';
import { retryAfter } from './retry-after.ts';

const { provider: github } = githubToolkit;
const { provider: slack } = slackToolkit;

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

/** Request auth whose refresh hands out token-2, token-3, … and counts the calls. */
function fakeAuth(provider: Provider, baseUrl: string, options: { query?: Record<string, string>; refreshable?: boolean } = {}) {
  let refreshes = 0;
  const make = (n: number): RequestAuth => ({
    account: { id: 'acc_1' } as ConnectedAccount,
    provider,
    baseUrl,
    headers: options.query ? { ...provider.api.headers } : { ...provider.api.headers, authorization: `Bearer secret-token-${n}` },
    query: options.query ?? {},
    refresh: async () => {
      refreshes++;
      return options.refreshable === false ? undefined : make(n + 1);
    },
  });
  return { auth: make(1), refreshes: () => refreshes };
}

/** A fetch that answers from a script (one entry per call, the last one repeats) and records requests. */
function scripted(...answers: Array<(request: Sent) => Response>) {
  const sent: Sent[] = [];
  const fetch = (async (target: string | URL | Request, init?: RequestInit) => {
    const request = { url: String(target), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body };
    sent.push(request);
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    return answer(request);
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function withRecordedSleep(extra: AuthenticatedFetchOptions = {}) {
  const waits: number[] = [];
  return { waits, options: { sleep: async (ms: number) => void waits.push(ms), ...extra } satisfies AuthenticatedFetchOptions };
}

describe('authenticated fetch', () => {
  it('resolves paths against the base URL (keeping its path) and adds provider headers, auth and a user agent', async () => {
    const { auth } = fakeAuth(slack, 'https://slack.com/api');
    const { fetch, sent } = scripted(json(200, { ok: true }));
    const f = createAuthenticatedFetch(auth, { fetch });
    await f('/chat.postMessage', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await f('conversations.list?limit=2');
    await f(new URL('https://slack.com/api/auth.test'));
    expect(sent.map((s) => s.url)).toEqual([
      'https://slack.com/api/chat.postMessage',
      'https://slack.com/api/conversations.list?limit=2',
      'https://slack.com/api/auth.test',
    ]);
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer secret-token-1');
    expect(sent[0]!.headers.get('content-type')).toBe('application/json');
    expect(sent[0]!.headers.get('user-agent')).toMatch(/onbehalf/);
  });

  it('lets the caller override provider default headers but never the credentials', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const { fetch, sent } = scripted(json(200));
    await createAuthenticatedFetch(auth, { fetch })('/user', { headers: { accept: 'application/vnd.github.raw+json', authorization: 'Bearer someone-else', 'user-agent': 'my-app' } });
    expect(sent[0]!.headers.get('accept')).toBe('application/vnd.github.raw+json');
    expect(sent[0]!.headers.get('x-github-api-version')).toBe('2022-11-28');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer secret-token-1');
    expect(sent[0]!.headers.get('user-agent')).toBe('my-app');
  });

  it('sends query-parameter credentials and keeps the caller\'s query', async () => {
    const { auth } = fakeAuth(github, 'https://api.example.com/v2', { query: { api_key: 'k-secret-123' } });
    const { fetch, sent } = scripted(json(200));
    await createAuthenticatedFetch(auth, { fetch })('/items?page=2');
    expect(sent[0]!.url).toBe('https://api.example.com/v2/items?page=2&api_key=k-secret-123');
  });

  it('refuses absolute URLs on another origin (credentials never leave the API host)', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const { fetch, sent } = scripted(json(200));
    const f = createAuthenticatedFetch(auth, { fetch });
    for (const target of ['https://evil.example/user', '//evil.example/user', 'http://api.github.com/user', 'https://api.github.com.evil.example/user', new URL('https://evil.example')]) {
      const error = await expectOnBehalfError(f(target), 'INVALID_INPUT');
      expect(error.message).toMatch(/Refusing to send GitHub credentials to/);
      expect(error.message).not.toContain('secret-token');
    }
    expect(sent).toEqual([]);
    await f('https://api.github.com/user');
    expect(sent).toHaveLength(1);
  });

  it('refuses paths that climb out of the base path, however the dots and slashes are spelled', async () => {
    const { auth } = fakeAuth(slack, 'https://slack.com/api');
    const { fetch, sent } = scripted(json(200, { ok: true }));
    const f = createAuthenticatedFetch(auth, { fetch });
    const escapes = [
      '../admin', '/../admin', '/x/../../admin', '/%2e%2e/admin', '/%2E%2E/admin', '/.%2e/admin', '/%2e./admin',
      '/..%2fadmin', '/..%2Fadmin', '/%2e%2e%2fadmin', '/x%2f..%2f..%2fadmin', '/..\\admin', '\\..\\..\\admin', '/..%5cadmin',
      '/%2e%2e', '..', '../admin?x=1', 'https://slack.com/admin', 'https://slack.com/api/../admin', 'https://slack.com/apiary',
      new URL('https://slack.com/admin'),
    ];
    for (const target of escapes) {
      const error = await expectOnBehalfError(f(target), 'INVALID_INPUT');
      expect(error.message).toMatch(/leaves the Slack API base path \/api/);
    }
    expect(sent).toEqual([]);
    // Dots that stay inside the base path are resolved, encoded slashes without dots kept as they are.
    await f('/x/../chat.postMessage');
    await f('/files/a%2Fb');
    await f('https://slack.com/api');
    await f('/conversations.list?cursor=../../admin');
    expect(sent.map((s) => s.url)).toEqual([
      'https://slack.com/api/chat.postMessage',
      'https://slack.com/api/files/a%2Fb',
      'https://slack.com/api',
      'https://slack.com/api/conversations.list?cursor=../../admin',
    ]);
  });

  it('keeps paths under a root base URL on the origin and resolves their dots', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const { fetch, sent } = scripted(json(200));
    const f = createAuthenticatedFetch(auth, { fetch });
    await f('/repos/a/../../user');
    await f('/repos/a%2F..%2F..%2Fb/c/issues');
    expect(sent.map((s) => s.url)).toEqual(['https://api.github.com/user', 'https://api.github.com/repos/a%2F..%2F..%2Fb/c/issues']);
  });

  it('after a 401 refreshes once and retries with the new token; a second 401 is returned as it is', async () => {
    const ok = scripted(json(401, { message: 'Bad credentials' }), json(200, { login: 'alice' }));
    const a = fakeAuth(github, 'https://api.github.com');
    const response = await createAuthenticatedFetch(a.auth, { fetch: ok.fetch })('/user');
    expect(response.status).toBe(200);
    expect(a.refreshes()).toBe(1);
    expect(ok.sent.map((s) => s.headers.get('authorization'))).toEqual(['Bearer secret-token-1', 'Bearer secret-token-2']);

    const always = scripted(json(401, { message: 'Bad credentials' }));
    const b = fakeAuth(github, 'https://api.github.com');
    expect((await createAuthenticatedFetch(b.auth, { fetch: always.fetch })('/user')).status).toBe(401);
    expect(b.refreshes()).toBe(1);
    expect(always.sent).toHaveLength(2);
  });

  it('concurrent 401s on the same token share one refresh, and later calls use the new token', async () => {
    const { fetch, sent } = scripted(...Array.from({ length: 5 }, () => json(401)), json(200));
    const a = fakeAuth(github, 'https://api.github.com');
    const f = createAuthenticatedFetch(a.auth, { fetch });
    const answers = await Promise.all(Array.from({ length: 5 }, () => f('/user')));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(a.refreshes()).toBe(1);
    await f('/user');
    expect(sent.at(-1)!.headers.get('authorization')).toBe('Bearer secret-token-2');
  });

  it('returns the 401 when the credentials cannot be refreshed (API keys)', async () => {
    const { fetch } = scripted(json(401));
    const a = fakeAuth(github, 'https://api.github.com', { refreshable: false });
    expect((await createAuthenticatedFetch(a.auth, { fetch })('/user')).status).toBe(401);
    expect(a.refreshes()).toBe(1);
  });

  it('retries 429 and 503 honouring Retry-After in seconds or as an HTTP date', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const s = withRecordedSleep();
    const date = new Date(Date.now() + 60_000).toUTCString();
    const { fetch, sent } = scripted(json(429, {}, { 'retry-after': '1' }), json(503, {}, { 'retry-after': '0' }), json(429, {}, { 'retry-after': date }), json(200));
    const response = await createAuthenticatedFetch(auth, { fetch, ...s.options, maxRetryDelayMs: 120_000 })('/user', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(4);
    expect(s.waits[0]).toBe(1000);
    expect(s.waits[1]).toBe(0);
    expect(s.waits[2]).toBeGreaterThan(50_000);
    expect(s.waits[2]).toBeLessThanOrEqual(60_000);
  });

  it('backs off exponentially without Retry-After, at most 3 retries, each wait capped', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const s = withRecordedSleep({ initialRetryDelayMs: 4000, maxRetryDelayMs: 10_000 });
    const { fetch, sent } = scripted(json(502));
    const response = await createAuthenticatedFetch(auth, { fetch, ...s.options })('/user');
    expect(response.status).toBe(502);
    expect(sent).toHaveLength(4);
    expect(s.waits).toHaveLength(3);
    // Full backoffs 4 s, 8 s, 10 s (capped), each jittered into its upper half.
    expect(s.waits[0]).toBeGreaterThanOrEqual(2000);
    expect(s.waits[0]).toBeLessThanOrEqual(4000);
    expect(s.waits[1]).toBeGreaterThanOrEqual(4000);
    expect(s.waits[2]).toBeLessThanOrEqual(10_000);
  });

  it('gives the answer back when Retry-After asks for longer than the cap', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const s = withRecordedSleep();
    const { fetch, sent } = scripted(json(429, {}, { 'retry-after': '3600' }));
    expect((await createAuthenticatedFetch(auth, { fetch, ...s.options })('/user')).status).toBe(429);
    expect(sent).toHaveLength(1);
    expect(s.waits).toEqual([]);
  });

  it('does not retry a POST after a 500 (the provider may have acted), nor a streamed body', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const s = withRecordedSleep();
    const post = scripted(json(500));
    expect((await createAuthenticatedFetch(auth, { fetch: post.fetch, ...s.options })('/repos/a/b/issues', { method: 'POST', body: '{}' })).status).toBe(500);
    expect(post.sent).toHaveLength(1);
    const stream = scripted(json(503));
    const body = new ReadableStream({ start: (c) => { c.enqueue(new TextEncoder().encode('x')); c.close(); } });
    expect((await createAuthenticatedFetch(auth, { fetch: stream.fetch, ...s.options })('/x', { method: 'PUT', body, duplex: 'half' } as RequestInit)).status).toBe(503);
    expect(stream.sent).toHaveLength(1);
  });

  it('stops waiting when the signal aborts', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const { fetch } = scripted(json(429, {}, { 'retry-after': '5' }));
    const controller = new AbortController();
    const pending = createAuthenticatedFetch(auth, { fetch })('/user', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 10);
    await expect(pending).rejects.toThrow('caller gave up');
    const aborted = new AbortController();
    aborted.abort();
    await expect(createAuthenticatedFetch(auth, { fetch })('/user', { signal: aborted.signal })).rejects.toThrow();
  });

  it('follows redirects on the API origin only, hands back the others', async () => {
    const { auth } = fakeAuth(github, 'https://api.github.com');
    const same = scripted(() => new Response(null, { status: 301, headers: { location: '/repositories/42' } }), json(200, { id: 42 }));
    expect((await createAuthenticatedFetch(auth, { fetch: same.fetch })('/repos/a/b')).status).toBe(200);
    expect(same.sent.map((s) => s.url)).toEqual(['https://api.github.com/repos/a/b', 'https://api.github.com/repositories/42']);
    expect(same.sent[1]!.headers.get('authorization')).toBe('Bearer secret-token-1');

    const away = scripted(() => new Response(null, { status: 302, headers: { location: 'https://codeload.example/archive.zip' } }));
    const response = await createAuthenticatedFetch(auth, { fetch: away.fetch })('/repos/a/b/zipball');
    expect(response.status).toBe(302);
    expect(away.sent).toHaveLength(1);
  });

  it('reports an unreachable API without the credentials, and redacts them on demand', async () => {
    const { auth } = fakeAuth(github, 'https://api.example.com', { query: { key: 'k-secret-123' } });
    const fetch = (async () => {
      throw new TypeError('fetch failed for https://api.example.com/x?key=k-secret-123', { cause: { code: 'ECONNREFUSED' } });
    }) as typeof globalThis.fetch;
    const f = createAuthenticatedFetch(auth, { fetch });
    const error = await expectOnBehalfError(f('/x'), 'PROVIDER_API_ERROR');
    expect(error.message).toBe('Could not reach the GitHub API (GET https://api.example.com/x): ECONNREFUSED.');
    expect(error.retryable).toBe(true);
    expect(JSON.stringify(error)).not.toContain('k-secret-123');
    expect(f.redact('a k-secret-123 b')).toBe('a [REDACTED] b');

    const bearer = fakeAuth(github, 'https://api.github.com');
    const g = createAuthenticatedFetch(bearer.auth, { fetch: scripted(json(401), json(200)).fetch });
    await g('/user');
    expect(g.redact('Bearer secret-token-1 then secret-token-2')).toBe('[REDACTED] then [REDACTED]');
  });

  it('turns a failing refresh into an OnBehalfError', async () => {
    const auth: RequestAuth = { ...fakeAuth(github, 'https://api.github.com').auth, refresh: async () => { throw new OnBehalfError('ACCOUNT_EXPIRED', 'expired'); } };
    await expectOnBehalfError(createAuthenticatedFetch(auth, { fetch: scripted(json(401)).fetch })('/user'), 'ACCOUNT_EXPIRED');
  });
});

describe('retryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2025-03-12T15:00:00Z');
    expect(retryAfter('120', now)).toBe(120_000);
    expect(retryAfter(' 0 ', now)).toBe(0);
    expect(retryAfter('Wed, 12 Mar 2025 15:00:30 GMT', now)).toBe(30_000);
    expect(retryAfter('Wed, 12 Mar 2025 14:00:00 GMT', now)).toBe(0);
    expect(retryAfter(null, now)).toBeUndefined();
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter('-5', now)).toBeUndefined();
  });
});
