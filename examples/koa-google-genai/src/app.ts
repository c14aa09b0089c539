import { STATUS_CODES } from 'node:http';
import { isOnBehalfError, type OnBehalf } from '@onbehalf/core';
import { renderDemoPage } from '@onbehalf/demo-kit';
import { onBehalfMiddleware } from '@onbehalf/koa';
import Koa, { type Context, type Middleware } from 'koa';
import type { Assistant } from './assistant.ts';

export interface DemoAppOptions {
  ob: OnBehalf;
  assistant: Assistant;
  /** The demo has one signed-in user; a real app reads it from its session (`ctx.state.user`). */
  user: string;
}

/** The example app: the onbehalf routes, four JSON endpoints and the demo page. */
export function createDemoApp({ ob, assistant, user }: DemoAppOptions): Koa {
  const app = new Koa();
  const signedInUser = (_ctx: Context) => user;

  app.use(jsonErrors);
  // Links only proceed for the user they were made for (see README: recommended in production).
  app.use(onBehalfMiddleware(ob, { prefix: '/onbehalf', getIdentifier: signedInUser }));

  app.use(route('GET', '/', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderDemoPage({ stack: 'Koa + Google GenAI', user, modelLabel: assistant.modelLabel });
  }));

  app.use(route('GET', '/api/accounts', async (ctx) => {
    const identifier = signedInUser(ctx);
    const [connections, accounts] = await Promise.all([ob.connections.list(), ob.accounts.list({ identifier })]);
    const byConnection = new Map(accounts.items.map((a) => [a.connection, a]));
    ctx.body = {
      connections: connections.map((c) => ({ name: c.name, provider: c.provider, status: byConnection.get(c.name)?.status ?? 'NOT_CONNECTED' })),
    };
  }));

  app.use(route('POST', '/api/connect/:connection', async (ctx, { connection }) => {
    const { link } = await ob.accounts.authorizationLink({ connection: connection!, identifier: signedInUser(ctx), returnTo: '/' });
    ctx.body = { link };
  }));

  app.use(route('POST', '/api/disconnect/:connection', async (ctx, { connection }) => {
    const account = await ob.accounts.revoke({ connection: connection!, identifier: signedInUser(ctx) });
    ctx.body = { status: account.status };
  }));

  app.use(route('POST', '/api/chat', async (ctx) => {
    const body = (await readJson(ctx)) as { message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message.slice(0, 2000) : '';
    if (!message) ctx.throw(400, 'message is required');
    const result = await assistant.ask(signedInUser(ctx), message);
    console.log(`[agent:${assistant.modelLabel.split(' ')[0]}] ${message} → ${result.toolCalls.map((c) => c.name).join(', ') || 'no tool'}`);
    ctx.body = result;
  }));

  return app;
}

/** A route for one method and path; `:name` segments become params. Other requests pass on. */
function route(method: string, pattern: string, handler: (ctx: Context, params: Record<string, string | undefined>) => unknown): Middleware {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  return async (ctx, next) => {
    const match = ctx.method === method ? regex.exec(ctx.path) : null;
    if (!match) return next();
    await handler(ctx, Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])));
  };
}

/** The request's JSON body, capped at 16 KiB. */
async function readJson(ctx: Context, limit = 16 * 1024): Promise<unknown> {
  if (!ctx.is('application/json')) ctx.throw(415, 'send application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) ctx.throw(413, 'the body is too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    ctx.throw(400, 'the body is not JSON');
  }
}

/** Errors as JSON: onbehalf's codes and safe messages, Koa's `ctx.throw`, and a bare 500 otherwise. */
const jsonErrors: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (caught) {
    const error = caught as Error & { status?: number; expose?: boolean };
    if (isOnBehalfError(error)) {
      ctx.status = error.status;
      ctx.body = { error: error.code, message: error.message };
    } else if (error.expose) {
      ctx.status = error.status ?? 400;
      ctx.body = { error: (STATUS_CODES[ctx.status] ?? 'Bad Request').toUpperCase().replace(/\W+/g, '_'), message: error.message };
    } else {
      console.error(error);
      ctx.status = 500;
      ctx.body = { error: 'INTERNAL_ERROR', message: 'Something went wrong.' };
    }
  }
};
