import express from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onBehalfRouter, type OnBehalfRouterOptions } from './index.ts';
import { BASE_URL, PREFIX, cookieHeader, createTestbed, csrfOf, pathOf } from '@onbehalf/e2e/adapter-testbed';

type Testbed = Awaited<ReturnType<typeof createTestbed>>;
type Parser = 'none' | 'urlencoded' | 'json';

const setCookies = (res: request.Response): string[] => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];

const variants = [
  ['Express 5', express],
  ['Express 4', express4],
] as const;
const parsers: Parser[] = ['none', 'urlencoded', 'json'];

describe.each(variants.flatMap(([name, lib]) => parsers.map((parser) => [`${name}, body parser: ${parser}`, lib, parser] as const)))('%s', (_name, lib, parser) => {
  let bed: Testbed;
  beforeEach(async () => {
    bed = await createTestbed();
  });
  afterEach(() => bed.close());

  function appFor(ob: Parameters<typeof onBehalfRouter>[0], options?: OnBehalfRouterOptions, mount = PREFIX) {
    const app = lib();
    app.set('trust proxy', true);
    if (parser === 'urlencoded') app.use(lib.urlencoded({ extended: false }));
    if (parser === 'json') app.use(lib.json());
    app.use(mount, onBehalfRouter(ob, options));
    app.get('/elsewhere', (_req, res) => void res.send('the app'));
    return app;
  }
  const account = (connection = 'demo') => bed.ob.accounts.get({ connection, identifier: 'user_1' });

  it('link → 302 to the sandbox with a cookie → consent → callback → ACTIVE with a working token', async () => {
    const app = appFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    // A proxy's forwarded host and scheme change nothing: public URLs come from baseUrl.
    const authorize = await request(app).get(pathOf(link)).set('X-Forwarded-Host', 'evil.example').set('X-Forwarded-Proto', 'https');
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.location!);
    expect(location.origin).toBe(bed.sandbox.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/callback/demo`);
    expect(setCookies(authorize)).toEqual([expect.stringMatching(new RegExp(`^ob_tx_\\w+=.+; Path=${PREFIX}; Max-Age=\\d+; HttpOnly; SameSite=Lax$`))]);
    expect(authorize.headers['referrer-policy']).toBe('no-referrer');

    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    expect(callbackUrl.startsWith(`${BASE_URL}/callback/demo?`)).toBe(true);
    const callback = await request(app).get(pathOf(callbackUrl)).set('Cookie', cookieHeader(setCookies(authorize)));
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('Connected');
    expect(setCookies(callback)[0]).toMatch(/^ob_tx_\w+=; .*Max-Age=0/);
    expect((await account()).status).toBe('ACTIVE');
    const { accessToken } = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    expect(await bed.sandbox.introspect(accessToken)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('redirects to returnTo, and works behind a proxy that strips a path prefix', async () => {
    const publicBase = `https://public.example/apps/crm${PREFIX}`;
    const proxied = await createTestbed(publicBase);
    try {
      const app = appFor(proxied.ob);
      const { link } = await proxied.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: 'https://public.example/settings' });
      const internal = (url: string) => pathOf(url).replace('/apps/crm', '');
      const authorize = await request(app).get(internal(link));
      expect(authorize.status).toBe(302);
      expect(new URL(authorize.headers.location!).searchParams.get('redirect_uri')).toBe(`${publicBase}/callback/demo`);
      expect(setCookies(authorize)[0]).toMatch(/; Path=\/apps\/crm\/integrations\/onbehalf; .*; Secure$/);
      const { callbackUrl } = await proxied.sandbox.consent(authorize.headers.location!, { user: 'alice' });
      const callback = await request(app).get(internal(callbackUrl)).set('Cookie', cookieHeader(setCookies(authorize)));
      expect(callback.status).toBe(302);
      expect(callback.headers.location).toBe('https://public.example/settings?onbehalf_status=success&onbehalf_connection=demo');
      expect((await proxied.ob.accounts.get({ connection: 'demo', identifier: 'user_1' })).status).toBe('ACTIVE');
      // The hosted form posts to the public path, not to the one the app saw.
      const keys = await proxied.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
      expect((await request(app).get(internal(keys.link))).text).toContain(`action="${pathOf(keys.link)}"`);
    } finally {
      await proxied.close();
    }
  });

  it('binds the link to the signed-in user from getIdentifier', async () => {
    const app = appFor(bed.ob, { getIdentifier: async (req) => req.get('x-user') });
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
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.text).toContain(`action="${pathOf(link)}"`);
    const csrf = csrfOf(form.text);
    expect(csrf).not.toBe('');
    const cookie = cookieHeader(setCookies(form));
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

    const right = await post({ _csrf: csrfOf(wrong.text), apiKey: 'good-key' }, cookieHeader(setCookies(wrong)));
    expect(right.status).toBe(200);
    expect(right.text).toContain('Connected');
    expect(await bed.ob.accounts.getCredentials({ connection: 'keys', identifier: 'user_1' })).toMatchObject({ type: 'api_key', apiKey: 'good-key' });
    expect((await account('keys')).status).toBe('ACTIVE');
    expect((await post({ _csrf: csrf, apiKey: 'good-key' })).status).toBe(410);
  });

  it('refuses an oversized form and a cross-origin post', async () => {
    const app = appFor(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
    const form = await request(app).get(pathOf(link));
    const fields = { _csrf: csrfOf(form.text), apiKey: 'good-key' };
    const post = () => request(app).post(pathOf(link)).type('form').set('Cookie', cookieHeader(setCookies(form)));
    expect((await post().set('Origin', 'http://evil.example').send(fields)).status).toBe(403);
    expect((await post().send({ ...fields, padding: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await account('keys')).status).toBe('PENDING');
  });

  it('keeps every Set-Cookie, answers 404 off the routes, and leaves other paths to the app', async () => {
    const stub = { handler: async () => new Response('ok', { headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/'], ['referrer-policy', 'no-referrer']] }) };
    const app = lib();
    app.use((_req, res, next) => {
      res.append('Set-Cookie', 'app_session=s; Path=/');
      next();
    });
    app.use(PREFIX, onBehalfRouter(stub));
    const res = await request(app).get(`${PREFIX}/anything`);
    expect(setCookies(res)).toEqual(['app_session=s; Path=/', 'a=1; Path=/', 'b=2; Path=/']);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).toBe('ok');

    const real = appFor(bed.ob);
    for (const path of [`${PREFIX}/nope`, PREFIX, `${PREFIX}/authorize/`]) {
      const missing = await request(real).get(path);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('Not found');
    }
    expect((await request(real).get('/elsewhere')).text).toBe('the app');
  });
});
