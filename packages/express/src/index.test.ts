import express from 'express';
import express4 from 'express4';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { onBehalfRouter, type OnBehalfRouterOptions } from './index.ts';
import { PREFIX, cookieHeader, createTestbed, pathOf } from '@onbehalf/e2e/adapter-testbed';
import { frameworkAdapterSuite, fromSupertest } from '@onbehalf/e2e/framework-adapter-suite';

type Parser = 'none' | 'urlencoded' | 'json';

const setCookies = (res: request.Response): string[] => (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];

const variants = [
  ['Express 5', express],
  ['Express 4', express4],
] as const;
const parsers: Parser[] = ['none', 'urlencoded', 'json'];

describe.each(variants.flatMap(([name, lib]) => parsers.map((parser) => [`${name}, body parser: ${parser}`, lib, parser] as const)))('%s', (_name, lib, parser) => {
  function appFor(ob: Parameters<typeof onBehalfRouter>[0], options?: OnBehalfRouterOptions, mount = PREFIX) {
    const app = lib();
    app.set('trust proxy', true);
    // The app's own cookie, set before the router: onbehalf's are appended after it.
    app.use((_req, res, next) => {
      res.append('Set-Cookie', 'app_session=s; Path=/');
      next();
    });
    if (parser === 'urlencoded') app.use(lib.urlencoded({ extended: false }));
    if (parser === 'json') app.use(lib.json());
    app.use(mount, onBehalfRouter(ob, options));
    app.get('/elsewhere', (_req, res) => void res.send('the app'));
    return app;
  }

  frameworkAdapterSuite({
    appCookies: ['app_session=s; Path=/'],
    everyMethod: true,
    mount: (ob, options = {}) => {
      const getIdentifier = options.identifier === 'x-user' ? async (req: Parameters<NonNullable<OnBehalfRouterOptions['getIdentifier']>>[0]) => req.get('x-user')
        : options.identifier === 'nobody' ? () => null : undefined;
      return fromSupertest(request, appFor(ob, getIdentifier ? { getIdentifier } : undefined));
    },
  });

  it('works behind a proxy that strips a path prefix', async () => {
    const publicBase = `https://public.example/apps/crm${PREFIX}`;
    const proxied = await createTestbed(publicBase);
    try {
      const app = appFor(proxied.ob);
      const { link } = await proxied.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_1', returnTo: 'https://public.example/settings' });
      const internal = (url: string) => pathOf(url).replace('/apps/crm', '');
      const authorize = await request(app).get(internal(link));
      expect(authorize.status).toBe(302);
      expect(new URL(authorize.headers.location!).searchParams.get('redirect_uri')).toBe(`${publicBase}/callback/demo`);
      expect(setCookies(authorize)[1]).toMatch(/; Path=\/apps\/crm\/integrations\/onbehalf; .*; Secure$/);
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

  it('leaves other paths to the app', async () => {
    const bed = await createTestbed();
    try {
      expect((await request(appFor(bed.ob)).get('/elsewhere')).text).toBe('the app');
    } finally {
      await bed.close();
    }
  });
});
