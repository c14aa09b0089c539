import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { HandlerContext } from './handler.ts';
import { HANDLER_METHODS } from './handler.ts';
import { methodNotAllowed } from './html.ts';

// Only the path and query of the URL matter: the handler builds public URLs from `baseUrl`.
const ORIGIN = 'http://onbehalf.invalid';

export interface NodeRequestOptions {
  /** The path and query as the app received them, mount prefix included (`req.originalUrl`). */
  url: string;
  /** What a body parser left (Express `req.body`, Koa `ctx.request.body`), used once the stream is consumed. */
  parsedBody?: unknown;
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body as the handler expects it: the raw stream, or a body parser's result re-encoded. */
function toBody(req: IncomingMessage, parsedBody: unknown, headers: Headers): BodyInit | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // Nothing consumed the stream yet: hand it over as it is.
  if (!req.readableEnded) return Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
  headers.delete('content-length');
  if (typeof parsedBody === 'string' || Buffer.isBuffer(parsedBody)) return parsedBody.toString();
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(parsedBody ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') form.append(key, item);
  }
  headers.set('content-type', 'application/x-www-form-urlencoded');
  return form.toString();
}

/**
 * The URL the handler sees: our placeholder origin with the target's path and query only. A
 * target in absolute form (`GET http://user:pass@host/path`, which proxies send) would bring a
 * host and credentials along, and `Request` refuses URLs with credentials; a path starting with
 * `//` must stay a path, not become a host. A target without a path (`*`) is the root.
 */
function requestUrl(target: string): URL {
  if (target.startsWith('/')) return new URL(`${ORIGIN}${target}`);
  try {
    const absolute = new URL(target);
    return new URL(`${ORIGIN}${absolute.pathname}${absolute.search}`);
  } catch {
    return new URL(`${ORIGIN}/`);
  }
}

/** Methods the WHATWG `Request` constructor refuses (the Fetch standard's forbidden methods). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A Node request (Express, Koa, plain node:http) as the web `Request` that `ob.handler` takes.
 * Throws a TypeError for a method `Request` refuses (TRACE…): `handleNodeRequest` answers those.
 */
export function toWebRequest(req: IncomingMessage, options: NodeRequestOptions): Request {
  const headers = toHeaders(req);
  const body = toBody(req, options.parsedBody, headers);
  // `duplex` is required by fetch for a streamed body; the DOM typings do not know it yet.
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, body, duplex: body ? 'half' : undefined };
  return new Request(requestUrl(options.url), init);
}

export interface NodeHandlerOptions extends NodeRequestOptions {
  /** What the adapter's `getIdentifier` said, passed on to the handler. */
  context?: HandlerContext;
}

/**
 * Serves a Node request with the web handler. A method no web `Request` can carry never reaches
 * the handler, so it is answered here: 405, like any other method the routes do not serve.
 */
export async function handleNodeRequest(
  ob: { handler(request: Request, context?: HandlerContext): Promise<Response> },
  req: IncomingMessage,
  options: NodeHandlerOptions,
): Promise<Response> {
  if (FORBIDDEN_METHODS.has((req.method ?? 'GET').toUpperCase())) return methodNotAllowed(HANDLER_METHODS);
  return ob.handler(toWebRequest(req, options), options.context);
}

/** Where a framework writes a response's head: status, one header, the cookies. */
export interface ResponseHeadTarget {
  status(code: number): void;
  header(name: string, value: string): void;
  /** Appended, never set, so cookies the app set earlier in the chain survive. */
  cookies(values: string[]): void;
}

/** Copies a web `Response`'s status and headers onto a framework response and returns its body. */
export async function writeWebResponse(response: Response, target: ResponseHeadTarget): Promise<Buffer> {
  target.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') target.header(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) target.cookies(cookies);
  return Buffer.from(await response.arrayBuffer());
}
