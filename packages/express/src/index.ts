import { Readable } from 'node:stream';
import type { OnBehalf } from '@onbehalf/core';
import { Router, type NextFunction, type Request, type Response } from 'express';

export interface OnBehalfRouterOptions {
  /**
   * The signed-in user of your app (e.g. from your session). When given, a link opens only for the
   * identifier it was made for; undefined or null means nobody is signed in, and the link is refused.
   */
  getIdentifier?: (req: Request) => string | undefined | null | Promise<string | undefined | null>;
}

// Only the path and query of the URL matter: the handler builds public URLs from `baseUrl`.
const ORIGIN = 'http://onbehalf.invalid';

function toHeaders(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body as the handler expects it: the raw stream, or a body parser's result re-encoded. */
function toBody(req: Request, headers: Headers): BodyInit | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  // Nothing consumed the stream yet: hand it over as it is.
  if (!req.readableEnded) return Readable.toWeb(req) as ReadableStream<Uint8Array>;
  const body: unknown = req.body;
  headers.delete('content-length');
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body.toString();
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') form.append(key, item);
  }
  headers.set('content-type', 'application/x-www-form-urlencoded');
  return form.toString();
}

function toWebRequest(req: Request): globalThis.Request {
  const headers = toHeaders(req);
  const body = toBody(req, headers);
  // `duplex` is required by fetch for a streamed body; the DOM typings do not know it yet.
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, body, duplex: body ? 'half' : undefined };
  return new globalThis.Request(new URL(req.originalUrl, ORIGIN), init);
}

async function send(res: Response, response: globalThis.Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  // Appended, so cookies the app set earlier in the chain survive.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.append('Set-Cookie', cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * An Express (4 or 5) router serving onbehalf's authorization links and OAuth callbacks:
 * `app.use('/onbehalf', onBehalfRouter(ob))`, with `baseUrl` set to the matching public URL.
 */
export function onBehalfRouter(ob: Pick<OnBehalf, 'handler'>, options: OnBehalfRouterOptions = {}): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const { getIdentifier } = options;
    (async () => {
      const context = getIdentifier ? { identifier: (await getIdentifier(req)) ?? null } : undefined;
      await send(res, await ob.handler(toWebRequest(req), context));
    })().catch(next);
  });
  return router;
}
