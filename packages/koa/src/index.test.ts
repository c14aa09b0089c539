import Koa from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { onBehalfMiddleware, type OnBehalfMiddlewareOptions } from './index.ts';
import { PREFIX, createTestbed } from '@onbehalf/e2e/adapter-testbed';
import { frameworkAdapterSuite, fromSupertest } from '@onbehalf/e2e/framework-adapter-suite';


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

  frameworkAdapterSuite({
    appCookies: ['app_session=s; Path=/'],
    everyMethod: true,
    mount: (ob, options = {}) => {
      const getIdentifier = options.identifier === 'x-user' ? async (ctx: Koa.Context) => ctx.get('x-user') || undefined
        : options.identifier === 'nobody' ? () => null : undefined;
      return fromSupertest(request, appFor(ob, getIdentifier ? { getIdentifier } : {}));
    },
  });

  it('leaves other paths, and look-alike prefixes, to the app', async () => {
    const bed = await createTestbed();
    try {
      const app = appFor(bed.ob);
      for (const path of ['/elsewhere', `${PREFIX}-not/authorize/x`]) expect((await request(app).get(path)).text).toBe('the app');
    } finally {
      await bed.close();
    }
  });
});

