// The scenarios every framework adapter (@onbehalf/express, koa, next) must pass, written once.
import type { OnBehalf } from '@onbehalf/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BASE_URL, PREFIX, cookieHeader, createTestbed, csrfOf, pathOf } from './adapter-testbed.ts';

/** A response as the suite reads it, whatever client produced it. */
export interface AdapterResponse {
  status: number;
  header(name: string): string | undefined;
  setCookies: string[];
  text: string;
}

export interface AdapterRequest {
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

/** Sends requests to the app with the adapter mounted at PREFIX; `url` is absolute (under BASE_URL). */
export type AdapterClient = (method: string, url: string, request?: AdapterRequest) => Promise<AdapterResponse>;

export interface FrameworkDriver {
  /**
   * Mounts `ob` at PREFIX in a fresh app. `identifier`: the adapter's getIdentifier reads the
   * `x-user` request header ('x-user'), always answers null ('nobody'), or is not given (undefined).
   */
  mount(ob: Pick<OnBehalf, 'handler'>, options?: { identifier?: 'x-user' | 'nobody' }): AdapterClient;
  /** Cookies the host app itself sets on every response, ahead of onbehalf's (they must survive). */
  appCookies?: string[];
  /**
   * The framework hands the adapter every method, TRACE included (Express, Koa). Next routes only
   * the methods a route file exports, so its client sends GET and POST only.
   */
  everyMethod?: boolean;
}

type Testbed = Awaited<ReturnType<typeof createTestbed>>;

/** A client over supertest (Express, Koa): `fromSupertest(request, app)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest is the caller's dependency, not this package's
export function fromSupertest(request: (app: any) => any, app: unknown): AdapterClient {
  return async (method, url, init = {}) => {
    let req = request(app)[method.toLowerCase()](pathOf(url));
    for (const [name, value] of Object.entries(init.headers ?? {})) req = req.set(name, value);
    const res = init.form ? await req.type('form').send(init.form) : await req;
    return {
      status: res.status,
      header: (name: string) => res.headers[name.toLowerCase()] as string | undefined,
      setCookies: (res.headers['set-cookie'] as string[] | undefined) ?? [],
      text: res.text,
    };
  };
}

/** A client over web Responses (Next route handlers, ob.handler itself). */
export async function fromResponse(response: Response): Promise<AdapterResponse> {
  return {
    status: response.status,
    header: (name) => response.headers.get(name) ?? undefined,
    setCookies: response.headers.getSetCookie(),
    text: await response.text(),
  };
}

/** Registers the shared scenarios in the current `describe`. */
export function frameworkAdapterSuite(driver: FrameworkDriver): void {
  const appCookies = driver.appCookies ?? [];
  let bed: Testbed;
  beforeEach(async () => {
    bed = await createTestbed();
  });
  afterEach(() => bed.close());
  const account = (connection = 'demo') => bed.ob.accounts.get({ connection, identifier: 'user_1' });
  const own = (cookies: string[]) => cookies.filter((c) => !appCookies.includes(c));

  it('link → 302 to the sandbox with a cookie → consent → callback → ACTIVE with a working token', async () => {
    const send = driver.mount(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    // A proxy's forwarded host and scheme change nothing: public URLs come from baseUrl.
    const authorize = await send('GET', link, { headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' } });
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.header('location')!);
    expect(location.origin).toBe(bed.sandbox.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/callback/demo`);
    expect(authorize.setCookies.slice(0, appCookies.length)).toEqual(appCookies);
    expect(own(authorize.setCookies)).toEqual([expect.stringMatching(new RegExp(`^ob_tx_\\w+=.+; Path=${PREFIX}; Max-Age=\\d+; HttpOnly; SameSite=Lax$`))]);
    expect(authorize.header('referrer-policy')).toBe('no-referrer');

    const { callbackUrl } = await bed.sandbox.consent(location, { user: 'alice' });
    expect(callbackUrl.startsWith(`${BASE_URL}/callback/demo?`)).toBe(true);
    const callback = await send('GET', callbackUrl, { headers: { Cookie: cookieHeader(own(authorize.setCookies)) } });
    expect(callback.status).toBe(200);
    expect(callback.text).toContain('Connected');
    expect(own(callback.setCookies)[0]).toMatch(/^ob_tx_\w+=; .*Max-Age=0/);
    expect((await account()).status).toBe('ACTIVE');
    const { accessToken } = await bed.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'user_1' });
    expect(await bed.sandbox.introspect(accessToken)).toMatchObject({ active: true, sub: 'alice' });
  });

  it('redirects to returnTo after the callback, with an empty body', async () => {
    const send = driver.mount(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: 'http://app.test/settings' });
    const authorize = await send('GET', link);
    const { callbackUrl } = await bed.sandbox.consent(authorize.header('location')!, { user: 'alice' });
    const callback = await send('GET', callbackUrl, { headers: { Cookie: cookieHeader(own(authorize.setCookies)) } });
    expect(callback.status).toBe(302);
    expect(callback.header('location')).toBe('http://app.test/settings?onbehalf_status=success&onbehalf_connection=demo');
    expect(callback.text).toBe('');
    expect(callback.header('content-type')).toBeUndefined();
    expect((await account()).status).toBe('ACTIVE');
  });

  it('binds the link to the signed-in user from getIdentifier', async () => {
    const send = driver.mount(bed.ob, { identifier: 'x-user' });
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' });
    const other = await send('GET', link, { headers: { 'x-user': 'user_2' } });
    expect(other.status).toBe(403);
    expect(other.text).toContain('Wrong account');
    // Nobody signed in is asked to sign in (401), not told the link is someone else's.
    const anonymous = await send('GET', link);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('Sign in first');
    expect((await driver.mount(bed.ob, { identifier: 'nobody' })('GET', link)).status).toBe(401);
    expect((await send('GET', link, { headers: { 'x-user': 'user_1' } })).status).toBe(302);
  });

  it('serves the hosted credential form, CSRF-protected, and stores only a verified key', async () => {
    const send = driver.mount(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
    const form = await send('GET', link);
    expect(form.status).toBe(200);
    expect(form.header('content-type')).toMatch(/^text\/html/);
    expect(form.header('cache-control')).toBe('no-store');
    expect(form.header('referrer-policy')).toBe('same-origin'); // its own POST must carry a real Origin (under no-referrer a browser sends null)
    expect(form.text).toContain(`action="${pathOf(link)}"`);
    const csrf = csrfOf(form.text);
    expect(csrf).not.toBe('');
    const cookie = cookieHeader(own(form.setCookies));
    expect(cookie).toMatch(/^ob_csrf_\w+=/);
    const post = (fields: Record<string, string>, withCookie = cookie) =>
      send('POST', link, { headers: { Origin: 'http://app.test', ...(withCookie ? { Cookie: withCookie } : {}) }, form: fields });

    expect((await post({ apiKey: 'good-key' })).status).toBe(403);
    expect((await post({ _csrf: csrf, apiKey: 'good-key' }, '')).status).toBe(403);
    const wrong = await post({ _csrf: csrf, apiKey: 'bad-key' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Keyed rejected these credentials');
    expect((await account('keys')).status).toBe('PENDING');

    // The re-rendered form's own token and cookie work, as the first ones still do.
    const right = await post({ _csrf: csrfOf(wrong.text), apiKey: 'good-key' }, cookieHeader(own(wrong.setCookies)));
    expect(right.status).toBe(200);
    expect(right.text).toContain('Connected');
    expect(await bed.ob.accounts.getCredentials({ connection: 'keys', identifier: 'user_1' })).toMatchObject({ type: 'api_key', apiKey: 'good-key' });
    expect((await account('keys')).status).toBe('ACTIVE');
    expect((await post({ _csrf: csrf, apiKey: 'good-key' })).status).toBe(410);
  });

  it('refuses an oversized form and a cross-origin post', async () => {
    const send = driver.mount(bed.ob);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' });
    const form = await send('GET', link);
    const fields = { _csrf: csrfOf(form.text), apiKey: 'good-key' };
    const Cookie = cookieHeader(own(form.setCookies));
    expect((await send('POST', link, { headers: { Cookie, Origin: 'http://evil.example' }, form: fields })).status).toBe(403);
    expect((await send('POST', link, { headers: { Cookie }, form: { ...fields, padding: 'x'.repeat(20_000) } })).status).toBe(413);
    expect((await account('keys')).status).toBe('PENDING');
  });

  it('keeps every Set-Cookie and answers 404 off the routes', async () => {
    const stub = { handler: async () => new Response('ok', { headers: [['set-cookie', 'a=1; Path=/'], ['set-cookie', 'b=2; Path=/'], ['referrer-policy', 'no-referrer']] }) };
    const res = await driver.mount(stub)('GET', `${BASE_URL}/anything`);
    expect(res.setCookies).toEqual([...appCookies, 'a=1; Path=/', 'b=2; Path=/']);
    expect(res.header('referrer-policy')).toBe('no-referrer');
    expect(res.text).toBe('ok');

    const send = driver.mount(bed.ob);
    for (const url of [`${BASE_URL}/nope`, BASE_URL, `${BASE_URL}/authorize/`, `${BASE_URL}/callback`]) {
      const missing = await send('GET', url);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('Not found');
    }
  });

  if (driver.everyMethod) {
    it('answers 405 with Allow to a method it does not serve, TRACE included, and changes nothing', async () => {
      const send = driver.mount(bed.ob);
      const oauth = (await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1' })).link;
      const keys = (await bed.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'user_1' })).link;
      // TRACE is one the web Request refuses outright; the others reach the handler's routes.
      const cases: Array<[string, string, string]> = [
        ['TRACE', oauth, 'GET, HEAD, POST'],
        ['TRACE', `${BASE_URL}/nope`, 'GET, HEAD, POST'],
        ['PUT', keys, 'GET, HEAD, POST'],
        ['DELETE', keys, 'GET, HEAD, POST'],
        ['POST', oauth, 'GET'],
        ['PATCH', `${BASE_URL}/callback/demo?code=x&state=y`, 'GET'],
      ];
      for (const [method, url, allow] of cases) {
        const res = await send(method, url);
        expect({ method, url, status: res.status, allow: res.header('allow') }).toEqual({ method, url, status: 405, allow });
        expect(res.header('cache-control')).toBe('no-store');
      }
      expect((await account()).status).toBe('PENDING');
      expect((await account('keys')).status).toBe('PENDING');
      expect((await send('GET', oauth)).status).toBe(302);
    });
  }
}
