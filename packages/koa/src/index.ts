import { handleNodeRequest, writeWebResponse, type OnBehalf } from '@onbehalf/core';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { Context, Middleware } from 'koa';

export interface OnBehalfMiddlewareOptions {
  /** The path the routes live under; match it with `baseUrl`. Default `/onbehalf`. */
  prefix?: string;
  /**
   * The signed-in user of your app (e.g. from `ctx.state`). When given, a link opens only for the
   * identifier it was made for; undefined or null means nobody is signed in, and the link is refused.
   */
  getIdentifier?: (ctx: Context) => string | undefined | null | Promise<string | undefined | null>;
  /** Whether the request may open the admin dashboard (`/admin`); asked only there. Default: nobody may. */
  authorizeAdmin?: (ctx: Context) => boolean | Promise<boolean>;
}

/**
 * A Koa middleware serving onbehalf's authorization links and OAuth callbacks under `prefix`
 * (other paths go to `next()`): `app.use(onBehalfMiddleware(ob, { prefix: '/onbehalf' }))`.
 * It mounts the per-user MCP server of `@onbehalf/mcp` the same way:
 * `app.use(onBehalfMiddleware(createMcpServer(ob, { … }), { prefix: '/mcp' }))`, ahead of any JSON body parser.
 */
export function onBehalfMiddleware(ob: Pick<OnBehalf, 'handler'>, options: OnBehalfMiddlewareOptions = {}): Middleware {
  const prefix = (options.prefix ?? '/onbehalf').replace(/\/+$/, '');
  const { getIdentifier, authorizeAdmin } = options;
  return async (ctx, next) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    const context = {
      ...(getIdentifier ? { identifier: (await getIdentifier(ctx)) ?? null } : {}),
      ...(authorizeAdmin ? { authorizeAdmin: () => authorizeAdmin(ctx) } : {}),
    };
    // A body parser (@koa/bodyparser, koa-body) leaves its result on ctx.request.body.
    const response = await handleNodeRequest(ob, ctx.req, { url: ctx.originalUrl, parsedBody: (ctx.request as { body?: unknown }).body, context });
    // An event stream (the MCP server's SSE answers) is passed on as it comes, never buffered.
    if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
      ctx.status = response.status;
      response.headers.forEach((value, name) => ctx.set(name, value));
      ctx.body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
      return;
    }
    // Never null: Koa turns a null body into a 204, and a redirect has no body.
    ctx.body = await writeWebResponse(response, {
      status: (code) => void (ctx.status = code),
      header: (name, value) => ctx.set(name, value),
      cookies: (values) => ctx.append('Set-Cookie', values),
    });
    if (!response.headers.has('content-type')) ctx.remove('Content-Type');
  };
}
