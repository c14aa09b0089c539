import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGithubMock } from './github.ts';
import { createGmailMock } from './gmail.ts';
import { createCalendarMock } from './google-calendar.ts';
import { MOCK_API_BASES, type MockApiName, type MockProvider, type MockProviderContext } from './mock-provider.ts';
import { createNotionMock } from './notion.ts';
import { authenticate, bearerToken, readRequest, writeResponse, type MockResponse, type VerifyAccessToken } from './router.ts';
import { createSlackMock } from './slack.ts';

export interface CreateMockApisOptions {
  /** Resolves a bearer token to its subject, client and scopes; `undefined` means invalid. */
  verifyAccessToken: VerifyAccessToken;
  /** Seeds the per-user data; the same seed and subject always give the same mailbox, channels, repos… */
  seed?: number | string;
  /** Clock for seeded timestamps and new items (default: real time). */
  now?: () => Date;
  /** Answer 403 / `missing_scope` when a token lacks the provider's documented scope (default false). */
  enforceScopes?: boolean;
  /** Artificial delay per API in milliseconds, e.g. `{ github: 50 }`. */
  latency?: Partial<Record<MockApiName, number>>;
}

/** One call the mocks received, for test assertions. */
export interface MockApiRequest {
  api: MockApiName;
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

export type MockProviders = ReturnType<typeof createProviders>;

function createProviders(context: MockProviderContext) {
  return {
    gmail: createGmailMock(context),
    calendar: createCalendarMock(context),
    slack: createSlackMock(context),
    github: createGithubMock(context),
    notion: createNotionMock(context),
  };
}

export type MockApisState = { [K in keyof MockProviders]: MockProviders[K]['state'] };

/**
 * Provider-shaped mock APIs on one node:http handler: Gmail under `/gmail`, Calendar under
 * `/calendar`, Slack under `/slack`, GitHub under `/github`, Notion under `/notion`.
 */
export function createMockApis(options: CreateMockApisOptions) {
  const context: MockProviderContext = {
    verifyAccessToken: options.verifyAccessToken,
    seed: String(options.seed ?? 'onbehalf'),
    now: options.now ?? (() => new Date()),
    enforceScopes: options.enforceScopes ?? false,
  };
  const providers = createProviders(context);
  const list: MockProvider[] = Object.values(providers);
  const requests: MockApiRequest[] = [];
  const failures = new Map<MockApiName, InjectedFailure[]>();
  const latency: Partial<Record<MockApiName, number>> = { ...options.latency };
  const state = Object.fromEntries(Object.entries(providers).map(([name, provider]) => [name, provider.state])) as MockApisState;

  const takeFailure = (api: MockApiName): InjectedFailure | undefined => {
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
    const provider = list.find((p) => pathname === p.prefix || pathname.startsWith(`${p.prefix}/`));
    if (!provider) {
      writeResponse(res, { status: 404, body: { error: 'not_found', message: `No mock API serves ${pathname}` } });
      return;
    }
    req.url = fullUrl;
    const request = await readRequest(req, provider.prefix.length);
    const delay = latency[provider.api];
    if (delay && delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let response: MockResponse;
    let sub: string | undefined;
    const injected = takeFailure(provider.api);
    try {
      if (injected) {
        const failure = provider.failure(injected.status);
        response = { ...failure, headers: { ...failure.headers, ...injected.headers } };
        const auth = await authenticate(bearerToken(request.headers, ['bearer', 'token']), context.verifyAccessToken);
        if (auth.kind === 'ok') sub = auth.token.sub;
      } else {
        ({ response, sub } = await provider.handle(request));
      }
    } catch (error) {
      // A bug in a mock, not a provider answer: log it (without request data) and answer 500 in the provider's shape.
      console.error(`[@onbehalf/sandbox mock ${provider.api}]`, request.method, request.path, error instanceof Error ? error.stack : String(error));
      response = provider.failure(500);
    }
    const search = fullUrl.includes('?') ? fullUrl.slice(fullUrl.indexOf('?')) : '';
    requests.push({
      api: provider.api,
      method: request.method,
      path: pathname,
      query: Object.fromEntries(request.query),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(sub !== undefined ? { sub } : {}),
      url: `${provider.realBase}${request.path}${search}`,
      status: response.status,
    });
    writeResponse(res, response, provider.jsonType);
  }

  return {
    handler,
    /** Every call received, oldest first (clear with `requests.length = 0`). */
    requests,
    /** Per-API state: sent mails, posted messages, created issues, events and pages. */
    state,
    /** Path prefixes served by `handler`, for mounting one by one. */
    prefixes: list.map((p) => p.prefix),
    /**
     * The next `times` calls to `api` fail with `status` in that provider's error shape (before
     * authentication, like a gateway would), e.g. `failNext('github', 429, 1, { 'retry-after': '1' })`.
     */
    failNext(api: MockApiName, status: number, times = 1, headers: Record<string, string> = {}): void {
      const queue = failures.get(api) ?? [];
      queue.push({ status, remaining: times, headers });
      failures.set(api, queue);
    },
    /** Sets an artificial delay for every call to `api` (0 removes it). */
    setLatency(api: MockApiName, ms: number): void {
      latency[api] = ms;
    },
    /** The mock URL that stands for a real provider base URL, by API name. */
    bases: MOCK_API_BASES,
  };
}

export type MockApis = ReturnType<typeof createMockApis>;
