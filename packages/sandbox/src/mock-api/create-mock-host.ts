import type { IncomingMessage, ServerResponse } from 'node:http';
import { mockApiBases } from './mock-api-bases.ts';
import type { MockProviderContext } from './mock-provider.ts';
import type { ProviderModule, ProviderModuleState } from './provider-module.ts';
import { authenticate, bearerToken, readRequest, writeResponse, type MockResponse, type VerifyAccessToken } from './router.ts';

export interface MockHostOptions<Id extends string = string> {
  /** Resolves a bearer token to its subject, client and scopes; `undefined` means invalid. */
  verifyAccessToken: VerifyAccessToken;
  /** Seeds the per-user data; the same seed and subject always give the same mailbox, channels, repos… */
  seed?: number | string;
  /** Clock for seeded timestamps and new items (default: real time). */
  now?: () => Date;
  /** Answer 403 / `missing_scope` when a token lacks the provider's documented scope (default false). */
  enforceScopes?: boolean;
  /** Artificial delay per API in milliseconds, e.g. `{ github: 50 }`. */
  latency?: Partial<Record<Id, number>>;
}

/** One call the mocks received, for test assertions. */
export interface MockApiRequest<Id extends string = string> {
  api: Id;
  method: string;
  /** The path as received, prefix included (`/slack/api/chat.postMessage`). */
  path: string;
  query: Record<string, string>;
  body?: unknown;
  sub?: string;
  /** The real provider URL this call stands for (`https://slack.com/api/chat.postMessage`). */
  url: string;
  status: number;
}

interface InjectedFailure {
  status: number;
  remaining: number;
  headers: Record<string, string>;
}

/** Each module's mock state under its provider id. */
export type MockHostState<M extends ProviderModule> = { [K in M as K['id']]: ProviderModuleState<K> };

/**
 * The mocks of `modules` on one node:http handler, each under its module's prefix, with a request
 * log, failure injection and artificial latency. Knows no provider: the list comes from the caller.
 */
export function createMockHost<M extends ProviderModule>(modules: readonly M[], options: MockHostOptions<M['id']>) {
  type Id = M['id'];
  const context: MockProviderContext = {
    verifyAccessToken: options.verifyAccessToken,
    seed: String(options.seed ?? 'onbehalf'),
    now: options.now ?? (() => new Date()),
    enforceScopes: options.enforceScopes ?? false,
  };
  const list = modules.map((module) => ({ module, mock: module.createMock(context) }));
  const requests: Array<MockApiRequest<Id>> = [];
  const failures = new Map<Id, InjectedFailure[]>();
  const latency: Partial<Record<Id, number>> = { ...options.latency };
  const state = Object.fromEntries(list.map(({ module, mock }) => [module.id, mock.state])) as MockHostState<M>;

  const takeFailure = (api: Id): InjectedFailure | undefined => {
    const queue = failures.get(api);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    if (--next.remaining <= 0) queue.shift();
    return next;
  };

  async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Mounted under a framework that strips the prefix, `originalUrl` still has the full path.
    const fullUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const pathname = fullUrl.split('?')[0] ?? '/';
    const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
    const entry = list.find(({ module }) => under(module.prefix) || module.alsoServes?.some((also) => under(also.prefix)));
    if (!entry) {
      writeResponse(res, { status: 404, body: { error: 'not_found', message: `No mock API serves ${pathname}` } });
      return;
    }
    const { module, mock } = entry;
    const served = under(module.prefix) ? module : module.alsoServes!.find((also) => under(also.prefix))!;
    const api: Id = module.id;
    req.url = fullUrl;
    const request = await readRequest(req, served.prefix);
    const delay = latency[api];
    if (delay && delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let response: MockResponse;
    let sub: string | undefined;
    const injected = takeFailure(api);
    try {
      if (injected) {
        const failure = mock.failure(injected.status);
        response = { ...failure, headers: { ...failure.headers, ...injected.headers } };
        const auth = await authenticate(bearerToken(request.headers, ['bearer', 'token']), context.verifyAccessToken);
        if (auth.kind === 'ok') sub = auth.token.sub;
      } else {
        ({ response, sub } = await mock.handle(request));
      }
    } catch (error) {
      // A bug in a mock, not a provider answer: log it (without request data) and answer 500 in the provider's shape.
      console.error(`[@onbehalf/sandbox mock ${api}]`, request.method, request.path, error instanceof Error ? error.stack : String(error));
      response = mock.failure(500);
    }
    const search = fullUrl.includes('?') ? fullUrl.slice(fullUrl.indexOf('?')) : '';
    requests.push({
      api,
      method: request.method,
      path: pathname,
      query: Object.fromEntries(request.query),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(sub !== undefined ? { sub } : {}),
      url: `${served.realBase}${request.path}${search}`,
      status: response.status,
    });
    writeResponse(res, response, module.jsonType);
  }

  return {
    handler,
    /** Every call received, oldest first (clear with `requests.length = 0`). */
    requests,
    /** Per-API state: sent mails, posted messages, created issues, events and pages. */
    state,
    /** Path prefixes served by `handler`, for mounting one by one. */
    prefixes: modules.flatMap((module) => [module.prefix, ...(module.alsoServes ?? []).map((also) => also.prefix)]),
    /**
     * The next `times` calls to `api` fail with `status` in that provider's error shape (before
     * authentication, like a gateway would), e.g. `failNext('github', 429, 1, { 'retry-after': '1' })`.
     */
    failNext(api: Id, status: number, times = 1, headers: Record<string, string> = {}): void {
      const queue = failures.get(api) ?? [];
      queue.push({ status, remaining: times, headers });
      failures.set(api, queue);
    },
    /** Sets an artificial delay for every call to `api` (0 removes it). */
    setLatency(api: Id, ms: number): void {
      latency[api] = ms;
    },
    /** Each mock's prefix and the real base URL it stands for, by provider id. */
    bases: mockApiBases(modules),
  };
}

export type MockHost<M extends ProviderModule> = ReturnType<typeof createMockHost<M>>;
