import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What `verifyAccessToken` tells the mocks about a bearer token. */
export interface TokenInfo {
  sub: string;
  clientId: string;
  scopes: string[];
}

export type VerifyAccessToken = (token: string) => Promise<TokenInfo | undefined>;

/** An incoming call, already parsed, with the provider's path prefix removed. */
export interface MockRequest {
  method: string;
  /** The provider's own path, e.g. `/gmail/v1/users/me/messages` or `/api/chat.postMessage`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** JSON value or form fields; `undefined` for an empty body. */
  body: unknown;
  /** Set when the body claimed to be JSON but did not parse. */
  bodyError?: string;
  contentType: string;
  /** `http://host:port` as the client reached it, for self links (GitHub `Link`). */
  origin: string;
  /** The mock's path prefix (`/github`), removed from `path`; `origin + prefix + path` is the URL called. */
  prefix: string;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `text` is set. */
  body?: unknown;
  text?: string;
}

export type RouteHandler<C> = (request: MockRequest, params: Record<string, string>, context: C) => MockResponse | Promise<MockResponse>;

interface Route<C> {
  method: string;
  segments: string[];
  handler: RouteHandler<C>;
}

export type RouteMatch<C> =
  | { kind: 'found'; handler: RouteHandler<C>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

/** A tiny router: `:name` segments capture one path segment (URI-decoded), everything else is literal. */
export function createRouter<C>() {
  const routes: Array<Route<C>> = [];
  const matchSegments = (pattern: string[], segments: string[]): Record<string, string> | undefined => {
    if (pattern.length !== segments.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      const expected = pattern[i] as string;
      const actual = segments[i] as string;
      if (expected.startsWith(':')) {
        if (actual === '') return undefined;
        params[expected.slice(1)] = safeDecode(actual);
      } else if (expected !== actual) {
        return undefined;
      }
    }
    return params;
  };
  return {
    add(method: string | string[], pattern: string, handler: RouteHandler<C>): void {
      for (const m of Array.isArray(method) ? method : [method]) routes.push({ method: m, segments: pattern.split('/'), handler });
    },
    match(method: string, path: string): RouteMatch<C> {
      const segments = path.split('/');
      const allowed: string[] = [];
      for (const route of routes) {
        const params = matchSegments(route.segments, segments);
        if (!params) continue;
        if (route.method === method) return { kind: 'found', handler: route.handler, params };
        allowed.push(route.method);
      }
      return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The bearer token of `Authorization: Bearer …` (GitHub also accepts `token …`). */
export function bearerToken(headers: IncomingHttpHeaders, schemes: string[] = ['bearer']): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const token = header.slice(space + 1).trim();
  return schemes.includes(scheme) && token ? token : undefined;
}

export type AuthResult = { kind: 'ok'; token: TokenInfo } | { kind: 'missing' } | { kind: 'invalid' };

export async function authenticate(token: string | undefined, verify: VerifyAccessToken): Promise<AuthResult> {
  if (!token) return { kind: 'missing' };
  const info = await verify(token).catch(() => undefined);
  return info ? { kind: 'ok', token: info } : { kind: 'invalid' };
}

/** Reads and parses a body: JSON, form-encoded (as a flat object), or text. */
export async function readRequest(req: IncomingMessage, prefix: string): Promise<MockRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const raw = Buffer.concat(chunks).toString('utf8');
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const request: MockRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname.slice(prefix.length) || '/',
    query: url.searchParams,
    headers: req.headers,
    body: undefined,
    contentType,
    origin: `http://${host}`,
    prefix,
  };
  if (raw.length === 0) return request;
  if (contentType === 'application/x-www-form-urlencoded') {
    request.body = Object.fromEntries(new URLSearchParams(raw));
  } else if (contentType === 'application/json' || contentType.endsWith('+json') || contentType === '') {
    try {
      request.body = JSON.parse(raw);
    } catch (error) {
      request.bodyError = error instanceof Error ? error.message : String(error);
      request.body = raw;
    }
  } else {
    request.body = raw;
  }
  return request;
}

export function writeResponse(res: ServerResponse, response: MockResponse, jsonType = 'application/json; charset=utf-8'): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= jsonType;
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** `?name=a&name=b` and `?name=a,b` both yield `['a', 'b']` — Google repeats, GitHub and Slack comma-separate. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** An integer query param clamped to [min, max]; `fallback` when absent or not a number. */
export function intParam(value: string | null | undefined, fallback: number, min: number, max: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Opaque-looking cursors that are really offsets, so pagination is stable and verifiable. */
export function encodeCursor(prefix: string, offset: number): string {
  return Buffer.from(`${prefix}:${offset}`).toString('base64url');
}

export function decodeCursor(prefix: string, cursor: string | null | undefined): number | undefined {
  if (!cursor) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(`${prefix}:`)) return undefined;
  const offset = Number(decoded.slice(prefix.length + 1));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}
