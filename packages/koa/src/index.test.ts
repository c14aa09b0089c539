import Koa from 'koa';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onBehalfMiddleware, type OnBehalfMiddlewareOptions } from './index.ts';
import { BASE_URL, PREFIX, cookieHeader, createTestbed, csrfOf, pathOf } from '@onbehalf/e2e/adapter-testbed';

type Testbed = Awaited<ReturnType<typeof createTestbed>>;

const setCookies = (res: request.Response): string[] => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];

/** What @koa/bodyparser does: reads the stream and leaves the fields on ctx.request.body. */
const formParser: Koa.Middleware = async (ctx, next) => {
  if (ctx.is('application/x-www-form-urlencoded')) {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    (ctx.request as { body?: unknown }).body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
  }
  await next();
};

describe.each([
  ['Koa', false],
  ['Koa behind a body parser', true],
] as const)('%s', (_name, parsed) => {
  let bed: Testbed;
  beforeEach(async () => {
    bed = await createTestbed();
  });
  afterEach(() => bed.close());

  function appFor(ob: Parameters<typeof onBehalfMiddleware>[0], options: OnBehalfMiddlewareOptions = {}) {
    const app = new Koa({ proxy: true });
    app.use(async (ctx, next) => {
      ctx.append('Set-Cookie', 'app_session=s; Path=/');
      await next();
    });
    if (parsed) app.use(formParser);
    app.use(onBehalfMiddleware(ob, { prefix: PREFIX, ...options }));
    app.use((ctx) => {
      ctx.body = 'the app';
    });
    return app.callback();
  }
  const account = (connection = 'demo') => bed.ob.accounts.get({ connection, identifier: 'user_1' });

  it('link → 302 to the sandbox with a cookie → consent → callback → ACTIVE with a working token', async () => {
    const app = appFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const authorize = await request(app).get(pathOf(link)).set('X-Forwarded-Host', 'evil.example').set('X-Forwarded-Proto', 'https');
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.location!);
    expect(location.origin).toBe(bed.sandbox.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/callback/demo`);
    const [appCookie, txCookie] = setCookies(authorize);
    expect(appCookie).toBe('app_session=s; Path=/');
    expect(txCookie).toMatch(new RegExp(`^ob_tx_\\w+=.+; Path=${PREFIX}; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    expect(authorize.headers['referrer-policy']).toBe('no-referrer');

    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    const callback = await request(app).get(pathOf(callbackUrl)).set('Cookie', cookieHeader([txCookie!]));
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('Connected');
    expect((await account()).status).toBe('ACTIVE');
    const { accessToken } = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    expect(await bed.sandbox.introspect(accessToken)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('redirects to returnTo after the callback', async () => {
    const app = appFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: 'http://app.test/settings' });
    const authorize = await request(app).get(pathOf(link));
    const { callbackUrl } = await bed.sandbox.consent(authorize.headers.location!, { user: 'alice' });
    const callback = await request(app).get(pathOf(callbackUrl)).set('Cookie', cookieHeader(setCookies(authorize)));
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe('http://app.test/settings?onbehalf_status=success&onbehalf_connection=demo');
    expect(callback.text).toBe('');
    expect(callback.headers['content-type']).toBeUndefined();
    expect((await account()).status).toBe('ACTIVE');
  });

  it('binds the link to the signed-in user from getIdentifier', async () => {
    const app = appFor(bed.ob, { getIdentifier: async (ctx) => ctx.get('x-user') || undefined });
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const other = await request(app).get(pathOf(link)).set('x-user', 'user_2');
    expect(other.status).toBe(403);
    expect(other.text).toContain('Wrong account');
    expect((await request(app).get(pathOf(link))).status).toBe(403);
    expect((await request(appFor(bed.ob, { getIdentifier: () => null })).get(pathOf(link))).status).toBe(403);
    expect((await request(app).get(pathOf(link)).set('x-user', 'user_1')).status).toBe(302);
  });

  it('serves the hosted credential form, CSRF-protected, and stores only a verified key', async () => {
    const app = appFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
    const form = await request(app).get(pathOf(link));
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.text).toContain(`action="${pathOf(link)}"`);
    const csrf = csrfOf(form.text);
    expect(csrf).not.toBe('');
    const cookie = cookieHeader(setCookies(form).filter((c) => c.startsWith('ob_csrf_')));
    expect(cookie).toMatch(/^ob_csrf_\w+=/);
    const post = (fields: Record<string, string>, withCookie = cookie) => {
      const req = request(app).post(pathOf(link)).type('form').set('Origin', 'http://app.test');
      return (withCookie ? req.set('Cookie', withCookie) : req).send(fields);
    };

    expect((await post({ apiKey: 'good-key' })).status).toBe(403);
    expect((await post({ _csrf: csrf, apiKey: 'good-key' }, '')).status).toBe(403);
    const wrong = await post({ _csrf: csrf, apiKey: 'bad-key' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Keyed rejected these credentials');
    expect((await account('keys')).status).toBe('PENDING');

    const right = await post({ _csrf: csrf, apiKey: 'good-key' });
    expect(right.status).toBe(200);
    expect(right.text).toContain('Connected');
    expect(await bed.ob.accounts.getCredentials({ connection: 'keys', identifier: 'user_1' })).toMatchObject({ type: 'api_key', apiKey: 'good-key' });
    expect((await account('keys')).status).toBe('ACTIVE');
  });

  it('keeps every Set-Cookie, answers 404 off the routes, and leaves other paths to the app', async () => {
    const stub = { handler: async () => new Response('ok', { headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/'], ['referrer-policy', 'no-referrer']] }) };
    const res = await request(appFor(stub)).get(`${PREFIX}/anything`);
    expect(setCookies(res)).toEqual(['app_session=s; Path=/', 'a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toBe('ok');

    const app = appFor(bed.ob);
    for (const path of [`${PREFIX}/nope`, PREFIX, `${PREFIX}/authorize/`]) {
      const missing = await request(app).get(path);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('Not found');
    }
    for (const path of ['/elsewhere', `${PREFIX}-not/authorize/x`]) expect((await request(app).get(path)).text).toBe('the app');
  });
});
