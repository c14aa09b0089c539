import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OnBehalf } from '../../src/create-on-behalf.ts';

/**
 * A local stand-in for one provider's OAuth and API endpoints, answering exactly as the provider
 * documents them (field names, error shapes, HTTP 200 errors, JSON or form bodies). Every catalog
 * provider's lifecycle test drives onbehalf against one of these: the sandbox speaks a generic
 * dialect, this speaks the provider's own.
 */
export interface WireRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string;
  /** Parsed from JSON or form encoding, by the request's content type; raw text otherwise. */
  body: Record<string, unknown>;
  rawBody: string;
}

export interface WireAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string (then sent as it is, e.g. a form-encoded answer). */
  body?: unknown;
}

/** Routes keyed `'POST /oauth/token'`; a route answers or returns undefined for a 404. */
export type WireRoutes = Record<string, (request: WireRequest) => WireAnswer | Promise<WireAnswer>>;

export interface WireServer {
  url: string;
  /** Every request received, in order. */
  seen: WireRequest[];
  /** The requests to one route (`'POST /oauth/token'`). */
  requests(route: string): WireRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

function parseBody(contentType: string, text: string): Record<string, unknown> {
  if (!text) return {};
  if (contentType.includes('json')) return JSON.parse(text) as Record<string, unknown>;
  if (contentType.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return {};
}

export async function startWireServer(routes: WireRoutes): Promise<WireServer> {
  const seen: WireRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://wire.local');
    const rawBody = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
    const request: WireRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, contentType, body: parseBody(contentType, rawBody), rawBody };
    seen.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer: WireAnswer = route ? await route(request) : { status: 404, body: { error: 'not_found' } };
    const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const contentTypeOut = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(answer.status ?? 200, { 'content-type': contentTypeOut, ...answer.headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    requests: (route) => seen.filter((r) => `${r.method} ${r.path}` === route),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Plays the person's browser against a provider that is not the sandbox: opens the link, takes
 * the provider URL onbehalf redirects to, and comes back to the callback with `code` (as the
 * provider would after consent). Returns the authorization URL it was sent to and the callback's
 * response.
 */
export async function consentWithCode(ob: OnBehalf, input: { connection: string; identifier: string; code: string; fields?: Record<string, string>; callbackBase?: string }): Promise<{ authorizationUrl: URL; callback: Response }> {
  const { link } = await ob.accounts.authorizationLink({ connection: input.connection, identifier: input.identifier, ...(input.fields ? { fields: input.fields } : {}) } as Parameters<OnBehalf['accounts']['authorizationLink']>[0]);
  const start = await ob.handler(new Request(link));
  const location = start.headers.get('location');
  if (!location) throw new Error(`The link did not redirect to the provider (HTTP ${start.status}): ${(await start.text()).slice(0, 300)}`);
  const authorizationUrl = new URL(location);
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const redirectUri = authorizationUrl.searchParams.get('redirect_uri') ?? `${input.callbackBase ?? 'http://localhost:3000/onbehalf'}/callback/${input.connection}`;
  const callback = new URL(redirectUri);
  callback.searchParams.set('code', input.code);
  const state = authorizationUrl.searchParams.get('state');
  if (state) callback.searchParams.set('state', state);
  return { authorizationUrl, callback: await ob.handler(new Request(callback, { headers: { cookie } })) };
}
