import { NextRequest } from 'next/server.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toNextHandler, type NextHandlerOptions } from './index.ts';
import { BASE_URL, cookieHeader, createTestbed, csrfOf, PREFIX } from '@onbehalf/e2e/adapter-testbed';

type Testbed = Awaited<ReturnType<typeof createTestbed>>;

/** What Next's generated route validator checks for `app/onbehalf/[...onbehalf]/route.ts`. */
type RouteHandler = (request: NextRequest, context: { params: Promise<{ onbehalf: string[] }> }) => Promise<Response | void> | Response | void;
type RouteHandlerConfig = { GET?: RouteHandler; POST?: RouteHandler };

describe.each([
  ['Request', (url: string, init?: RequestInit) => new Request(url, init)],
  ['NextRequest', (url: string, init?: RequestInit) => new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1])],
] as const)('route handlers with a %s', (_name, makeRequest) => {
  let bed: Testbed;
  beforeEach(async () => {
    bed = await createTestbed();
  });
  afterEach(() => bed.close());

  function routeFor(ob: Parameters<typeof toNextHandler>[0], options?: NextHandlerOptions) {
    const route: RouteHandlerConfig = toNextHandler(ob, options);
    // Next passes the catch-all segments; the handler does not need them.
    const call = (method: 'GET' | 'POST', url: string, init: RequestInit = {}) => {
      const segments = new URL(url).pathname.slice(PREFIX.length + 1).split('/');
      return route[method]!(makeRequest(url, { ...init, method }) as NextRequest, { params: Promise.resolve({ onbehalf: segments }) }) as Promise<Response>;
    };
    return { get: (url: string, init?: RequestInit) => call('GET', url, init), post: (url: string, init?: RequestInit) => call('POST', url, init) };
  }
  const account = (connection = 'demo') => bed.ob.accounts.get({ connection, identifier: 'user_1' });

  it('link → 302 to the sandbox with a cookie → consent → callback → ACTIVE with a working token', async () => {
    const route = routeFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const authorize = await route.get(link, { headers: { 'x-forwarded-host': 'evil.example' } });
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location')!);
    expect(location.origin).toBe(bed.sandbox.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/callback/demo`);
    expect(authorize.headers.getSetCookie()).toEqual([expect.stringMatching(new RegExp(`^ob_tx_\\w+=.+; Path=${PREFIX}; Max-Age=\\d+; HttpOnly; SameSite=Lax$`))]);
    expect(authorize.headers.get('referrer-policy')).toBe('no-referrer');

    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    const callback = await route.get(callbackUrl, { headers: { cookie: cookieHeader(authorize.headers.getSetCookie()) } });
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Connected');
    expect((await account()).status).toBe('ACTIVE');
    const { accessToken } = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    expect(await bed.sandbox.introspect(accessToken)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('redirects to returnTo after the callback', async () => {
    const route = routeFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: 'http://app.test/settings' });
    const authorize = await route.get(link);
    const { callbackUrl } = await bed.sandbox.consent(authorize.headers.get('location')!, { user: 'alice' });
    const callback = await route.get(callbackUrl, { headers: { cookie: cookieHeader(authorize.headers.getSetCookie()) } });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('http://app.test/settings?onbehalf_status=success&onbehalf_connection=demo');
    expect((await account()).status).toBe('ACTIVE');
  });

  it('binds the link to the signed-in user from getIdentifier', async () => {
    const route = routeFor(bed.ob, { getIdentifier: async (req) => req.headers.get('x-user') ?? undefined });
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const other = await route.get(link, { headers: { 'x-user': 'user_2' } });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Wrong account');
    expect((await route.get(link)).status).toBe(403);
    expect((await routeFor(bed.ob, { getIdentifier: () => null }).get(link)).status).toBe(403);
    expect((await route.get(link, { headers: { 'x-user': 'user_1' } })).status).toBe(302);
  });

  it('serves the hosted credential form, CSRF-protected, and stores only a verified key', async () => {
    const route = routeFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
    const form = await route.get(link);
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toMatch(/^text\/html/);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(`action="${new URL(link).pathname}"`);
    const csrf = csrfOf(html);
    expect(csrf).not.toBe('');
    const cookie = cookieHeader(form.headers.getSetCookie());
    expect(cookie).toMatch(/^ob_csrf_\w+=/);
    const post = (fields: Record<string, string>, withCookie = cookie) =>
      route.post(link, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://app.test', ...(withCookie ? { cookie: withCookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      });

    expect((await post({ apiKey: 'good-key' })).status).toBe(403);
    expect((await post({ _csrf: csrf, apiKey: 'good-key' }, '')).status).toBe(403);
    const wrong = await post({ _csrf: csrf, apiKey: 'bad-key' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Keyed rejected these credentials');
    expect((await account('keys')).status).toBe('PENDING');
    // A chunked body has no Content-Length, and is still cut off at the form's size limit.
    const chunk = new TextEncoder().encode(`_csrf=${csrf}&apiKey=good-key&padding=${'x'.repeat(8_000)}`);
    let pulled = 0;
    const big = new ReadableStream<Uint8Array>({ pull: (controller) => void (++pulled > 1_000 ? controller.close() : controller.enqueue(chunk)) });
    const huge = await route.post(link, { headers: { cookie }, body: big, duplex: 'half' } as RequestInit);
    expect(huge.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect((await account('keys')).status).toBe('PENDING');

    const right = await post({ _csrf: csrf, apiKey: 'good-key' });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('Connected');
    expect(await bed.ob.accounts.getCredentials({ connection: 'keys', identifier: 'user_1' })).toMatchObject({ type: 'api_key', apiKey: 'good-key' });
    expect((await account('keys')).status).toBe('ACTIVE');
  });

  it('keeps every Set-Cookie and answers 404 off the routes', async () => {
    const stub = { handler: async () => new Response('ok', { headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/'], ['referrer-policy', 'no-referrer']] }) };
    const res = await routeFor(stub).get(`${BASE_URL}/anything`);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const route = routeFor(bed.ob);
    for (const url of [`${BASE_URL}/nope`, `${BASE_URL}/authorize/`, `${BASE_URL}/callback`]) {
      const missing = await route.get(url);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Not found');
    }
  });
});
