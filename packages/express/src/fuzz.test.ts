import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Logger } from '@onbehalf/core';
import express from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBehalfRouter } from './index.ts';
import { BASE_URL, PREFIX, cookieHeader, createTestbed, csrfOf, pathOf, type Testbed } from '@onbehalf/e2e/adapter-testbed';

/**
 * A bounded fuzz of the Express-mounted handler, over raw TCP so that nothing a client library
 * refuses to send is out of reach: random methods (TRACE, CONNECT, garbage tokens), paths under
 * and around the mount (encoded, dotted, overlong), headers (garbage and huge cookies, Origin and
 * fetch-metadata variants, broken framing) and bodies (form, JSON, binary, oversized, truncated).
 * The onbehalf instance behind it has a connected sandbox account and a stored API key, so there
 * are secrets to leak; no answer may be a 5xx, and none may carry one of them.
 *
 * Deterministic per seed: FUZZ_SEED=<n> replays a run, FUZZ_REQUESTS=<n> makes it longer.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_610);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const PARALLEL = 16;

/** mulberry32: small, seeded, good enough to pick test inputs. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    bytes: (length: number) => Buffer.from(Array.from({ length }, () => int(256))),
    text: (length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~') =>
      Array.from({ length }, () => alphabet[int(alphabet.length)]).join(''),
  };
}
type Random = ReturnType<typeof createRandom>;

/** What the fuzz starts from: real link tokens, real CSRF forms, real OAuth callbacks. */
interface Material {
  oauthTokens: string[];
  keyTokens: string[];
  forms: Array<{ token: string; csrf: string; cookie: string }>;
  /** Callback URLs (real state, a real or a forged code) with the transaction cookie that goes with them. */
  callbacks: Array<{ path: string; cookie: string }>;
}

interface FuzzRequest {
  index: number;
  raw: Buffer;
  /** The server may close without answering: CONNECT without a listener, a body cut short. */
  mayGoUnanswered: boolean;
}

/** Spliced into paths: all of it gets past Node's parser, so it reaches Express and the handler. */
const GARBAGE = ['%', '%2', '%zz', '%00', '%ff', '%c3%28', '%2F', '%5C', '%2e%2e', '%252e', '\\', '..', '/', '//', ';', '?', '&', '=', '+', '"', "'", '<script>', '{}', '|', '~', '@', ':', '*', '%C3%A9', '%F0%9F%98%80', '#'];
/** What Node's parser refuses outright (400 before any app code): a small share of the run. */
const MALFORMED_GARBAGE = ['é', '\u{1F600}', '\xff', ' ', '\t', '\x01', '\x7f'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'TRACE', 'CONNECT', 'PROPFIND', 'M-SEARCH', 'PURGE', 'QUERY', 'SEARCH', 'REPORT', 'UNLINK'];
const MALFORMED_METHODS = ['TRACK', 'get', 'Post', 'G3T', 'FOO', '*', 'GET /x', ''];
const ORIGINS = ['http://app.test', 'null', '', 'http://evil.example', 'https://app.test', 'http://app.test:80', 'HTTP://APP.TEST', 'http://app.test.evil.example', 'garbage', 'file://', 'http://app.test/'];
const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-16', 'application/x-www-form-urlencoded; charset=garbage', 'application/json', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'text/plain', 'application/octet-stream', 'garbage', '', '*/*', 'application/x-www-form-urlencoded, application/json'];

function buildPath(r: Random, m: Material, malformed: boolean): string {
  // Mostly live links, so that the run gets past the link check into the form and the OAuth flow.
  const token = () =>
    r.pick([
      r.pick(m.oauthTokens),
      r.pick(m.oauthTokens),
      r.pick(m.keyTokens),
      r.pick(m.keyTokens),
      r.pick(m.keyTokens),
      r.text(43),
      'A'.repeat(43),
      '',
      r.text(r.int(80)),
      'x'.repeat(r.int(6000)),
      encodeURIComponent(r.bytes(40).toString('latin1')),
    ]);
  let path = r.pick([
    () => `${PREFIX}/authorize/${token()}`,
    () => `${PREFIX}/authorize/${token()}`,
    () => `${PREFIX}/authorize/${token()}`,
    () => `${PREFIX}/authorize/${token()}`,
    () => `${PREFIX}/authorize/${token()}/`,
    () => `${PREFIX}/authorize/${token()}?${r.text(10)}=${r.pick(GARBAGE)}`,
    () => `${PREFIX}/callback/${r.pick(['demo', 'keys', 'nope', '%64emo', '', '..', 'DEMO'])}?code=${r.text(r.int(60))}&state=${r.text(r.int(60))}${r.chance(0.3) ? `&iss=${encodeURIComponent(r.pick(['http://evil.example', BASE_URL, '']))}` : ''}${r.chance(0.3) ? `&error=${r.pick(['access_denied', 'server_error', r.text(20)])}&error_description=${r.pick(GARBAGE)}` : ''}`,
    () => r.pick(m.callbacks).path,
    () => PREFIX,
    () => `${PREFIX}/`,
    () => '/',
    () => '/elsewhere',
    () => `${PREFIX}/../elsewhere`,
    () => `${PREFIX}/%2e%2e/authorize/${token()}`,
    () => `/${PREFIX}/authorize/${token()}`,
    () => `${PREFIX}//authorize/${token()}`,
    () => `${PREFIX.toUpperCase()}/authorize/${token()}`,
    () => `${PREFIX}x/authorize/${token()}`,
    () => `${PREFIX}/authorize`,
    () => `${PREFIX}/connections`,
    () => `${PREFIX}/admin`,
    () => '*',
    () => `http://app.test${PREFIX}/authorize/${token()}`,
  ])();
  // Mutations: garbage spliced in, the whole thing made overlong.
  for (let i = r.chance(0.4) ? 1 + r.int(3) : 0; i > 0; i--) {
    const at = r.int(path.length + 1);
    path = path.slice(0, at) + r.pick(malformed && r.chance(0.5) ? MALFORMED_GARBAGE : GARBAGE) + path.slice(at);
  }
  if (r.chance(0.05)) path += `?${'q'.repeat(r.pick([2_000, 9_000, 20_000]))}`;
  return path;
}

function buildCookie(r: Random, m: Material): string {
  const parts: string[] = [];
  for (let i = r.int(4); i >= 0; i--) {
    parts.push(
      r.pick([
        () => r.pick(m.forms).cookie,
        () => r.pick(m.callbacks).cookie,
        () => `ob_tx_${r.text(8)}=${r.text(r.int(400))}`,
        () => `ob_csrf_${r.text(16)}=${r.text(r.int(40))}`,
        () => `ob_tx_${r.text(8)}=${r.pick(['', 'Fe26.2**', 'Fe26.2*1*' + r.text(200), '%', '%zz', '"'])}`,
        () => r.pick(['a=%', ';;;=;', '=', '==', 'a', '$Version=1', '__proto__=1', 'constructor=x']),
        () => `big=${'x'.repeat(r.pick([1_000, 8_000, 17_000]))}`,
        () => Array.from({ length: 60 }, (_, n) => `ob_tx_${n}=${r.text(30)}`).join('; '),
        () => `${r.text(5)}=${headerValue(r, 20)}`,
      ])(),
    );
  }
  return parts.join(r.pick(['; ', ';', ', ', ' ;  ']));
}

function buildBody(r: Random, m: Material, form: Material['forms'][number] | undefined): { body: Buffer; type?: string } {
  const kind = r.int(10);
  if (kind <= 3) {
    const fields: Array<[string, string]> = [];
    if (r.chance(0.7)) fields.push(['_csrf', form && r.chance(0.7) ? form.csrf : r.text(r.int(300))]);
    if (r.chance(0.8)) fields.push(['apiKey', r.pick(['good-key', 'bad-key', '', r.text(r.int(200)), ' '.repeat(50)])]);
    for (let i = r.int(3); i > 0; i--) fields.push([r.pick(['apiKey', '_csrf', 'type', '__proto__', r.text(6)]), r.text(r.int(50))]);
    let body = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    if (r.chance(0.2)) body += `&${r.pick(['%', '%zz', '=', '&&&', '%00=%00', 'a=%E0%A4%A'])}`;
    if (r.chance(0.05)) body += `&padding=${'x'.repeat(r.pick([17_000, 120_000]))}`;
    return { body: Buffer.from(body), type: 'application/x-www-form-urlencoded' };
  }
  if (kind <= 5) {
    const json = r.pick([
      () => JSON.stringify({ _csrf: form?.csrf ?? 'x', apiKey: 'good-key' }),
      () => JSON.stringify({ _csrf: [r.text(5), r.text(5)], apiKey: { nested: 1 } }),
      () => JSON.stringify([1, 2, 3]),
      () => JSON.stringify(r.text(20)),
      () => String(r.int(1000)),
      () => 'null',
      () => '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      () => '['.repeat(3_000) + ']'.repeat(3_000),
      () => `{"a":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`,
      () => '{"a":',
      () => r.text(40, '{}[]":,0123456789tfn'),
    ])();
    return { body: Buffer.from(json), type: 'application/json' };
  }
  if (kind <= 7) return { body: r.bytes(r.pick([0, 1, 100, 2_000, 20_000])), type: r.pick(CONTENT_TYPES) };
  return { body: Buffer.alloc(0) };
}

/** Bytes a header value may hold: visible ASCII, space, tab and obs-text (0x80-0xff). */
function headerValue(r: Random, length: number): string {
  return Array.from({ length }, () => r.pick([() => String.fromCharCode(0x20 + r.int(95)), () => String.fromCharCode(0x80 + r.int(128)), () => '\t'])()).join('');
}

/**
 * One raw HTTP/1.1 request; framing (Content-Length, chunked, cut short) is part of the fuzz.
 * About one in seven is malformed on purpose (methods, bytes or framing Node's parser refuses);
 * the rest parse, so that most of the run reaches Express and the handler.
 */
function buildRequest(index: number, r: Random, m: Material): FuzzRequest {
  const malformed = r.chance(0.15);
  const method = malformed && r.chance(0.4) ? r.pick(MALFORMED_METHODS) : r.pick(METHODS);
  const path = buildPath(r, m, malformed);
  const form = r.chance(0.5) ? r.pick(m.forms) : undefined;
  const headers: Array<[string, string]> = [];
  if (!malformed || r.chance(0.9)) headers.push(['Host', r.pick(['app.test', 'app.test', 'evil.example', 'app.test:3000', r.text(300)])]);
  headers.push(['Connection', 'close']);
  if (r.chance(0.6)) headers.push(['Cookie', form && r.chance(0.5) ? form.cookie : buildCookie(r, m)]);
  if (r.chance(0.5)) headers.push(['Origin', r.pick(ORIGINS)]);
  if (r.chance(0.3)) headers.push(['Sec-Fetch-Site', r.pick(['same-origin', 'same-site', 'cross-site', 'none', r.text(8)])]);
  if (r.chance(0.2)) headers.push(['X-Forwarded-Host', r.pick(['evil.example', r.text(30)])], ['X-Forwarded-Proto', r.pick(['https', 'gopher', r.text(5)])]);
  if (r.chance(0.1)) headers.push(['X-Forwarded-For', r.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1, ' + r.text(40)])]);
  if (r.chance(0.1)) headers.push(['Authorization', r.pick(['Bearer ' + r.text(40), 'Basic !!!', r.text(20)])]);
  if (r.chance(0.1)) headers.push(['Accept', r.pick(['*/*', 'text/html', 'application/json', r.text(30)])]);
  if (r.chance(0.05)) headers.push(['Expect', r.pick(['100-continue', r.text(10)])]);
  if (r.chance(0.05)) headers.push(['Content-Encoding', r.pick(['gzip', 'deflate', 'br', 'identity', r.text(6)])]);
  if (r.chance(0.03)) headers.push(['X-Huge', 'h'.repeat(r.pick([5_000, 20_000]))]);
  for (let i = r.chance(0.2) ? r.int(4) : 0; i > 0; i--) {
    headers.push([r.text(1 + r.int(20), 'abcdefghijklmnopqrstuvwxyz-'), malformed ? r.bytes(r.int(60)).toString('latin1').replace(/[\r\n]/g, '') : headerValue(r, r.int(60))]);
  }

  const { body, type } = method === 'GET' && r.chance(0.8) ? { body: Buffer.alloc(0), type: undefined } : buildBody(r, m, form);
  if (type !== undefined || r.chance(0.1)) headers.push(['Content-Type', r.chance(0.85) && type ? type : r.pick(CONTENT_TYPES)]);
  let payload = body;
  let mayGoUnanswered = method === 'CONNECT' || method.startsWith('CONNECT');
  const framing = malformed ? r.int(20) : r.int(18);
  if (framing <= 13) {
    if (body.length > 0 || r.chance(0.3)) headers.push(['Content-Length', String(body.length)]);
  } else if (framing <= 15) {
    headers.push(['Transfer-Encoding', 'chunked']);
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += 1 + r.int(5_000)) {
      const chunk = body.subarray(at, at + 1 + r.int(5_000));
      chunks.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
    }
    payload = Buffer.concat([...chunks, Buffer.from(!malformed || r.chance(0.5) ? '0\r\n\r\n' : 'zz\r\n')]);
    mayGoUnanswered ||= !payload.subarray(-5).equals(Buffer.from('0\r\n\r\n'));
  } else if (framing <= 17) {
    // Cut short: more promised than sent, then the client half-closes.
    headers.push(['Content-Length', String(body.length + 1 + r.int(1_000))]);
    mayGoUnanswered = true;
  } else {
    headers.push(['Content-Length', r.pick(['-1', 'abc', '1e3', ' 5', '99999999999999999999', `${body.length}, ${body.length + 1}`])]);
    if (r.chance(0.5)) headers.push(['Transfer-Encoding', r.pick(['chunked', 'gzip', 'chunked, identity'])]);
    mayGoUnanswered = true;
  }
  const head = `${method} ${path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  return { index, raw: Buffer.concat([Buffer.from(head, 'latin1'), payload]), mayGoUnanswered };
}

/**
 * Sends one raw request and reads until the server closes (every request says Connection: close).
 * Only a request cut short is followed by a half-close, so that the server sees its end; any other
 * stays open for writing as a browser's would (Express's body parsers drop the answer otherwise).
 */
function send(port: number, raw: Buffer, halfClose: boolean): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(chunks.length ? Buffer.concat(chunks) : undefined));
    if (halfClose) socket.end(raw);
    else socket.write(raw);
  });
}

/** The final status of a response, past any 100 Continue. */
function finalStatus(response: Buffer): number | undefined {
  let text = response.toString('latin1');
  for (;;) {
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
    if (!match) return undefined;
    const status = Number(match[1]);
    if (status >= 200 || status < 100) return status;
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return status;
    text = text.slice(end + 4);
  }
}

describe('the Express-mounted handler under fuzzed requests', () => {
  let bed: Testbed;
  const servers: Server[] = [];
  const logged: Array<{ level: string; line: string }> = [];
  const thrown: string[] = [];
  let secrets: Record<string, string>;
  const material: Material = { oauthTokens: [], keyTokens: [], forms: [], callbacks: [] };

  const logger: Logger = Object.fromEntries(
    (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (message: string, fields?: Record<string, unknown>) => void logged.push({ level, line: `${message} ${JSON.stringify(fields ?? {})}` })]),
  ) as unknown as Logger;

  function appFor(lib: typeof express | typeof express4, parsers: boolean) {
    const app = lib();
    if (parsers) app.use(lib.urlencoded({ extended: false }), lib.json());
    app.use(PREFIX, onBehalfRouter(bed.ob));
    app.get('/elsewhere', (_req, res) => void res.send('the app'));
    // What reaches Express's error handling: a body parser's 4xx is the app's business, anything else is a failure.
    app.use((error: { status?: number; name?: string; message?: string }, _req: unknown, res: { status(code: number): { end(): void } }, _next: unknown) => {
      const status = typeof error.status === 'number' && error.status < 500 ? error.status : 500;
      if (status >= 500) thrown.push(`${error.name}: ${error.message}`);
      res.status(status).end();
    });
    return app;
  }

  beforeAll(async () => {
    bed = await createTestbed(BASE_URL, { logger });
    const app = appFor(express, false);
    // A connected OAuth account (tokens from the real sandbox) and a stored API key.
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const authorize = await request(app).get(pathOf(link));
    const cookie = cookieHeader(authorize.headers['set-cookie'] as unknown as string[]);
    const { callbackUrl } = await bed.sandbox.consent(authorize.headers.location!, { user: 'alice' });
    expect((await request(app).get(pathOf(callbackUrl)).set('Cookie', cookie)).status).toBe(200);
    const tokens = await bed.ob.accounts.getCredentials({ connection: 'demo', identifier: 'user_1' });
    if (tokens.type !== 'oauth2') throw new Error('expected OAuth credentials');
    const apiKey = `sk_fuzz_${randomBytes(18).toString('base64url')}`;
    await bed.ob.accounts.setCredentials({ connection: 'keys', identifier: 'user_2', credentials: { apiKey } });
    secrets = { ...bed.secrets, accessToken: tokens.accessToken, apiKey, ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}), ...(tokens.idToken ? { idToken: tokens.idToken } : {}) };
    expect(Object.keys(secrets)).toEqual(expect.arrayContaining(['clientSecret', 'encryptionKey', 'accessToken', 'refreshToken', 'apiKey']));

    // Live links, open forms and real callbacks for the fuzz to start from.
    const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
    for (let i = 0; i < 8; i++) {
      material.oauthTokens.push(tokenOf((await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: `fuzz_${i}` })).link));
      const keys = (await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: `fuzz_key_${i}` })).link;
      material.keyTokens.push(tokenOf(keys));
      const page = await request(app).get(pathOf(keys));
      material.forms.push({ token: tokenOf(keys), csrf: csrfOf(page.text), cookie: cookieHeader(page.headers['set-cookie'] as unknown as string[]) });
    }
    for (let i = 0; i < 4; i++) {
      const started = await request(app).get(`${PREFIX}/authorize/${material.oauthTokens[i]}`);
      const txCookie = cookieHeader(started.headers['set-cookie'] as unknown as string[]);
      const consented = await bed.sandbox.consent(started.headers.location!, { user: `fuzz-user-${i}`, deny: i === 3 });
      material.callbacks.push({ path: pathOf(consented.callbackUrl), cookie: txCookie });
      const state = new URL(started.headers.location!).searchParams.get('state')!;
      material.callbacks.push({ path: `${PREFIX}/callback/demo?code=${randomBytes(20).toString('base64url')}&state=${state}&iss=${encodeURIComponent(bed.sandbox.issuer)}`, cookie: txCookie });
    }

    for (const target of [appFor(express, false), appFor(express, true), appFor(express4, true)]) {
      const server = createServer(target);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
  });

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await bed?.close();
  });

  it(`answers ${REQUESTS} fuzzed requests (seed ${SEED}) without a 5xx and without a secret`, async () => {
    const random = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, (_, index) => ({ ...buildRequest(index, random, material), server: random.int(servers.length) }));
    const failures: string[] = [];
    const leaks = (text: string) => Object.entries(secrets).filter(([, secret]) => text.includes(secret) || text.includes(encodeURIComponent(secret))).map(([name]) => name);
    const show = (raw: Buffer) => JSON.stringify(raw.toString('latin1').slice(0, 400));
    let answered = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < requests.length) {
          const fuzzed = requests[next++]!;
          const response = await send((servers[fuzzed.server]!.address() as AddressInfo).port, fuzzed.raw, fuzzed.mayGoUnanswered);
          if (!response) {
            if (!fuzzed.mayGoUnanswered) failures.push(`#${fuzzed.index} no answer to ${show(fuzzed.raw)}`);
            continue;
          }
          answered++;
          const status = finalStatus(response);
          if (status === undefined || status >= 500) failures.push(`#${fuzzed.index} answered ${status ?? 'garbage'} to ${show(fuzzed.raw)}`);
          const leaked = leaks(response.toString('latin1')).concat(leaks(response.toString('utf8')));
          if (leaked.length) failures.push(`#${fuzzed.index} leaked ${[...new Set(leaked)].join(', ')} in answer to ${show(fuzzed.raw)}`);
        }
      }),
    );
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
    expect(thrown).toEqual([]);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(logged.filter((entry) => leaks(entry.line).length > 0)).toEqual([]);
    // Most of the run reached a server that answered, not just Node's parser refusing garbage.
    expect(answered).toBeGreaterThan(REQUESTS * 0.8);
  });
});
