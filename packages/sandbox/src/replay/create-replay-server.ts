import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchParams, matchValue, show } from './match-value.ts';
import type { ReplayExchange, ReplayReceived, ReplayRequest } from './replay-types.ts';

export interface ReplayServerOptions {
  /** The recorded exchanges, answered in this order. */
  exchanges: readonly ReplayExchange[];
  /**
   * The path part of the provider's API base (`/api` for `https://slack.com/api`): requests are
   * expected under it and matched relative to it, so error paths come out as the provider's.
   */
  basePath?: string;
  /** The exact Authorization header every request must carry; by default any non-empty one. */
  authorization?: string;
}

export interface ReplayServer {
  /** The stand-in API base URL (origin + basePath) to point the tool's account at. */
  url: string;
  /** Every request received, in arrival order. */
  readonly received: readonly ReplayReceived[];
  /** One sentence per request that did not match what was recorded (each was answered 599). */
  readonly mismatches: readonly string[];
  /** The mismatches plus every recorded exchange that was never asked for: empty when the tool did exactly what was recorded. */
  problems(): string[];
  close(): Promise<void>;
}

/** Not a status any provider sends: a tool that gets it was answered by the replay server, not by the recording. */
export const REPLAY_MISMATCH_STATUS = 599;
const BODY_LIMIT = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<{ body: unknown; problem?: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_LIMIT) return { body: undefined, problem: 'the body is larger than 1 MiB' };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return { body: undefined };
  const type = req.headers['content-type'] ?? '';
  if (/json/i.test(type)) {
    try {
      return { body: JSON.parse(text) };
    } catch {
      return { body: text, problem: `the body is sent as ${type} but is not JSON: ${show(text)}` };
    }
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) return { body: new URLSearchParams(text) };
  return { body: text };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Every difference between a received request and a recorded one. */
function compare(recorded: ReplayRequest, req: IncomingMessage, path: string, url: URL, body: unknown, authorization: string | undefined): string[] {
  const problems: string[] = [];
  if (req.method !== recorded.method.toUpperCase()) problems.push(`method is ${req.method}, expected ${recorded.method.toUpperCase()}`);
  if (path !== recorded.path) problems.push(`path is ${path}, expected ${recorded.path}`);
  matchParams(recorded.query ?? {}, url.searchParams, 'query parameter', problems);

  const sent = header(req, 'authorization');
  if (!sent) problems.push('the Authorization header is missing');
  else if (authorization !== undefined && sent !== authorization) problems.push(`the Authorization header is ${show(sent)}, expected ${show(authorization)}`);
  for (const [name, want] of Object.entries(recorded.headers ?? {})) {
    const got = header(req, name);
    if (got === undefined) problems.push(`header ${name} is missing (expected ${show(want)})`);
    else matchValue(want, got, `header ${name}`, problems);
  }

  const type = header(req, 'content-type') ?? '';
  if (recorded.body !== undefined) {
    if (!/json/i.test(type)) problems.push(`the body is sent as ${show(type || 'nothing')}, expected JSON`);
    else matchValue(recorded.body, body, 'body', problems);
  } else if (recorded.form !== undefined) {
    if (!(body instanceof URLSearchParams)) problems.push(`the body is sent as ${show(type || 'nothing')}, expected application/x-www-form-urlencoded`);
    else matchParams(recorded.form, body, 'form field', problems);
  } else if (recorded.text !== undefined) {
    if (typeof body !== 'string' || /json|x-www-form-urlencoded/i.test(type)) problems.push(`the body is sent as ${show(type || 'nothing')}, expected raw content`);
    else if (body !== recorded.text) problems.push(`the body is ${show(body)}, expected ${show(recorded.text)}`);
  } else if (body !== undefined) {
    problems.push(`a body was sent (${show(body instanceof URLSearchParams ? body.toString() : body)}), expected none`);
  }
  return problems;
}

/**
 * A stand-in for one provider's API that answers from recorded exchanges: each request must be
 * the next recorded one (method, path, query, body, form, listed headers, an Authorization
 * header) and gets its recorded response. Anything else — another request, an extra one — gets a
 * 599 with a JSON description, and the same description lands in `mismatches`, so a test can
 * assert that the tool sent exactly what the provider's documentation says it should.
 */
export async function createReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const { exchanges, authorization } = options;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const played = new Set<number>();
  const received: ReplayReceived[] = [];
  const mismatches: string[] = [];

  /** The next exchange, and the unordered ones it may be swapped with. */
  function candidates(): number[] {
    const first = exchanges.findIndex((_, i) => !played.has(i));
    if (first === -1) return [];
    const open = [first];
    if (!exchanges[first]?.unordered) return open;
    for (let i = first + 1; i < exchanges.length && exchanges[i]?.unordered; i++) if (!played.has(i)) open.push(i);
    return open;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const under = basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path = under ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const { body, problem } = await readBody(req);
    const number = received.length + 1;
    const entry: ReplayReceived = {
      method: req.method ?? 'GET',
      path,
      search: url.search,
      headers: { ...req.headers },
      contentType: header(req, 'content-type'),
      body: body instanceof URLSearchParams ? Object.fromEntries(body) : body,
      exchange: undefined,
    };
    received.push(entry);
    const label = `request #${number} ${entry.method} ${path}${url.search}`;

    const fail = (description: string) => {
      mismatches.push(description);
      res.writeHead(REPLAY_MISMATCH_STATUS, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'replay_mismatch', message: description }));
    };
    if (!under) return fail(`${label} is not under the API base path ${basePath}`);

    const open = candidates();
    if (open.length === 0) return fail(`${label} was not expected: all ${exchanges.length} recorded exchanges were already answered`);
    const compared = open.map((i) => ({ i, problems: compare(exchanges[i]!.request, req, path, url, body, authorization) }));
    if (problem) for (const c of compared) c.problems.push(problem);
    const match = compared.find((c) => c.problems.length === 0);
    if (!match) {
      // Report against the recorded request it most likely meant, and use that one up so the
      // requests after it are still compared with their own recordings.
      const meant = compared.find((c) => exchanges[c.i]!.request.path === path && exchanges[c.i]!.request.method.toUpperCase() === entry.method) ?? compared[0]!;
      played.add(meant.i);
      const recorded = exchanges[meant.i]!.request;
      return fail(`${label} does not match recorded exchange #${meant.i + 1} (${recorded.method.toUpperCase()} ${recorded.path}): ${meant.problems.join('; ')}`);
    }
    played.add(match.i);
    entry.exchange = match.i + 1;
    const response = exchanges[match.i]!.response;
    const headers: Record<string, string> = {
      ...(response.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...(response.text !== undefined ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
      ...response.headers,
    };
    res.writeHead(response.status ?? 200, headers);
    res.end(response.text ?? (response.body !== undefined ? JSON.stringify(response.body) : undefined));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      mismatches.push(`the replay server failed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}${basePath}`,
    received,
    mismatches,
    problems() {
      const never = exchanges.flatMap((exchange, i) => (played.has(i) ? [] : [`recorded exchange #${i + 1} (${exchange.request.method.toUpperCase()} ${exchange.request.path}) was never requested`]));
      return [...mismatches, ...never];
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
