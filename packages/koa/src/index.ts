import { Readable } from 'node:stream';
import type { OnBehalf } from '@onbehalf/core';
import type { Context, Middleware } from 'koa';

export interface OnBehalfMiddlewareOptions {
  /** The path the routes live under; match it with `baseUrl`. Default `/onbehalf`. */
  prefix?: string;
  /**
   * The signed-in user of your app (e.g. from `ctx.state`). When given, a link opens only for the
   * identifier it was made for; undefined or null means nobody is signed in, and the link is refused.
   */
  getIdentifier?: (ctx: Context) => string | undefined | null | Promise<string | undefined | null>;
}

// Only the path and query of the URL matter: the handler builds public URLs from `baseUrl`.
const ORIGIN = 'http://onbehalf.invalid';

function toHeaders(ctx: Context): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(ctx.req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body as the handler expects it: the raw stream, or a body parser's result re-encoded. */
function toBody(ctx: Context, headers: Headers): BodyInit | undefined {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return undefined;
  // Nothing consumed the stream yet: hand it over as it is.
  if (!ctx.req.readableEnded) return Readable.toWeb(ctx.req) as unknown as ReadableStream<Uint8Array>;
  // Consumed by a body parser (@koa/bodyparser, koa-body), which leaves its result here.
  const body: unknown = (ctx.request as { body?: unknown }).body;
  headers.delete('content-length');
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body.toString();
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') form.append(key, item);
  }
  headers.set('content-type', 'application/x-www-form-urlencoded');
  return form.toString();
}

function toRequest(ctx: Context): Request {
  const headers = toHeaders(ctx);
  const body = toBody(ctx, headers);
  // `duplex` is required by fetch for a streamed body; the DOM typings do not know it yet.
  const init: RequestInit & { duplex?: 'half' } = { method: ctx.method, headers, body, duplex: body ? 'half' : undefined };
  return new Request(new URL(ctx.originalUrl, ORIGIN), init);
}

/**
 * A Koa middleware serving onbehalf's authorization links and OAuth callbacks under `prefix`
 * (other paths go to `next()`): `app.use(onBehalfMiddleware(ob, { prefix: '/onbehalf' }))`.
 */
export function onBehalfMiddleware(ob: Pick<OnBehalf, 'handler'>, options: OnBehalfMiddlewareOptions = {}): Middleware {
  const prefix = (options.prefix ?? '/onbehalf').replace(/\/+$/, '');
  const { getIdentifier } = options;
  return async (ctx, next) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    const context = getIdentifier ? { identifier: (await getIdentifier(ctx)) ?? null } : undefined;
    const response = await ob.handler(toRequest(ctx), context);
    ctx.status = response.status;
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') ctx.set(name, value);
    });
    // Appended, so cookies the app set earlier in the chain survive.
    for (const cookie of response.headers.getSetCookie()) ctx.append('Set-Cookie', cookie);
    // Never null: Koa turns a null body into a 204, and a redirect has no body.
    ctx.body = Buffer.from(await response.arrayBuffer());
    if (!response.headers.has('content-type')) ctx.remove('Content-Type');
  };
}
