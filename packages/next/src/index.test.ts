import { NextRequest } from 'next/server.js';
import { describe, expect, it } from 'vitest';
import { toNextHandler, type NextHandlerOptions } from './index.ts';
import { cookieHeader, createTestbed, csrfOf, PREFIX } from '@onbehalf/e2e/adapter-testbed';
import { frameworkAdapterSuite, fromResponse, type AdapterClient } from '@onbehalf/e2e/framework-adapter-suite';

/** What Next's generated route validator checks for `app/onbehalf/[...onbehalf]/route.ts`. */
type RouteHandler = (request: NextRequest, context: { params: Promise<{ onbehalf: string[] }> }) => Promise<Response | void> | Response | void;
type RouteHandlerConfig = { GET?: RouteHandler; POST?: RouteHandler };

describe.each([
  ['Request', (url: string, init?: RequestInit) => new Request(url, init)],
  ['NextRequest', (url: string, init?: RequestInit) => new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1])],
] as const)('route handlers with a %s', (_name, makeRequest) => {
  function routeFor(ob: Parameters<typeof toNextHandler>[0], options?: NextHandlerOptions) {
    const route: RouteHandlerConfig = toNextHandler(ob, options);
    // Next passes the catch-all segments; the handler does not need them.
    const call = (method: 'GET' | 'POST', url: string, init: RequestInit = {}) => {
      const segments = new URL(url).pathname.slice(PREFIX.length + 1).split('/');
      return route[method]!(makeRequest(url, { ...init, method }) as NextRequest, { params: Promise.resolve({ onbehalf: segments }) }) as Promise<Response>;
    };
    return { get: (url: string, init?: RequestInit) => call('GET', url, init), post: (url: string, init?: RequestInit) => call('POST', url, init) };
  }

  frameworkAdapterSuite({
    mount: (ob, options = {}): AdapterClient => {
      const getIdentifier = options.identifier === 'x-user' ? async (req: Request) => req.headers.get('x-user') ?? undefined
        : options.identifier === 'nobody' ? () => null : undefined;
      const route = routeFor(ob, getIdentifier ? { getIdentifier } : undefined);
      return async (method, url, init = {}) => {
        const headers: Record<string, string> = { ...init.headers, ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
        const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
        return fromResponse(await (method === 'GET' ? route.get(url, { headers }) : route.post(url, { headers, ...(body !== undefined ? { body } : {}) })));
      };
    },
  });


  it('cuts a chunked form body without Content-Length off at the size limit', async () => {
    const bed = await createTestbed();
    try {
      const route = routeFor(bed.ob);
      const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
      const form = await route.get(link);
      const csrf = csrfOf(await form.text());
      const cookie = cookieHeader(form.headers.getSetCookie());
      // A chunked body has no Content-Length, and is still cut off at the form's size limit.
      const chunk = new TextEncoder().encode(`_csrf=${csrf}&apiKey=good-key&padding=${'x'.repeat(8_000)}`);
      let pulled = 0;
      const big = new ReadableStream<Uint8Array>({ pull: (controller) => void (++pulled > 1_000 ? controller.close() : controller.enqueue(chunk)) });
      const huge = await route.post(link, { headers: { cookie }, body: big, duplex: 'half' } as RequestInit);
      expect(huge.status).toBe(413);
      expect(pulled).toBeLessThan(10);
      expect((await bed.ob.accounts.get({ connection: 'keys', identifier: 'user_1' })).status).toBe('PENDING');
    } finally {
      await bed.close();
    }
  });
});
