import type { RequestAuth } from './request-auth.ts';
import { OnBehalfError, isOnBehalfError } from '../errors.ts';
import { requestSecrets } from './request-secrets.ts';
import { retryAfter } from './retry-after.ts';
import { staysUnderBasePath } from './stays-under-base-path.ts';

export interface AuthenticatedFetchOptions {
  /** Retries after 429 / 5xx answers. Default 3. */
  maxRetries?: number;
  /** Longest wait before one retry. Default 10 s; a Retry-After asking for more ends the retries. */
  maxRetryDelayMs?: number;
  /** First backoff when the provider gives no Retry-After, doubled on each retry. Default 500 ms. */
  initialRetryDelayMs?: number;
  /**
   * Told once per request (after its retries) how it ended: the final HTTP status, or undefined
   * when the provider could not be reached. Feeds the account's usage and health figures.
   */
  observe?: (request: { auth: RequestAuth; status: number | undefined }) => void;
  /** For tests: the underlying fetch and sleep. */
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * `token`: which of the grant's tokens authenticates the request, by label (Slack's `user` or
 * `bot`); by default the account's own token.
 */
export type AuthenticatedRequestInit = RequestInit & { token?: string };

export interface AuthenticatedFetch {
  (pathOrUrl: string | URL, init?: AuthenticatedRequestInit): Promise<Response>;
  /**
   * Replaces every credential this fetch has sent (old and refreshed) with `[REDACTED]`, in the
   * forms a provider may echo them (see requestSecrets); secrets under 4 characters are left,
   * being too short to tell from ordinary text.
   */
  redact(text: string): string;
  /**
   * The access token of the grant's extra token `label`, for an API that takes it somewhere other
   * than the Authorization header (Discord's incoming webhook in its URL path). Throws
   * INVALID_PERMISSIONS when the account has none.
   */
  extraToken(label: string): string;
}

function missingToken(auth: RequestAuth, label: string): OnBehalfError {
  return new OnBehalfError('INVALID_PERMISSIONS', `This ${auth.provider.name} account has no ${label} token: reconnect it with the scopes that grant one.`, {
    details: { provider: auth.provider.id, token: label },
  });
}

/**
 * The auth headers for a request that asks for the token `label`: the account's own when it is
 * that token, or when the provider labels nothing (every token then serves every use, as for
 * accounts stored before labels existed); the extra token of that label otherwise.
 */
function headersForToken(auth: RequestAuth, label: string | undefined): Record<string, string> {
  if (label === undefined || label === auth.label) return auth.headers;
  const extra = auth.extraTokens?.[label];
  if (extra) return { ...auth.headers, authorization: `${extra.tokenType} ${extra.accessToken}` };
  if (auth.label === undefined) return auth.headers;
  throw missingToken(auth, label);
}

const USER_AGENT = 'onbehalf/0.1';
const MAX_REDIRECTS = 5;
const MIN_REDACTED_LENGTH = 4;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * 429 and 503 mean the request was not processed, so any method may go again. Other 5xx may come
 * after the provider acted (a mail sent, an issue created): only idempotent methods are retried.
 */
function mayRetry(status: number, method: string): boolean {
  if (status === 429 || status === 503) return true;
  return (status === 500 || status === 502 || status === 504) && IDEMPOTENT.has(method);
}

/** A body that can be sent again (a stream is consumed by the first attempt). */
function isReplayable(body: RequestInit['body']): boolean {
  return body === undefined || body === null || typeof body === 'string' || body instanceof URLSearchParams || body instanceof Blob
    || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof FormData;
}

/** A form-encoded body's parameters, which an OAuth 1.0a signature covers (RFC 5849 §3.4.1.3.1). */
function formParameters(body: RequestInit['body'], headers: Headers): URLSearchParams | undefined {
  if (body instanceof URLSearchParams) return body;
  const form = /^application\/x-www-form-urlencoded/i.test(headers.get('content-type') ?? '');
  return form && typeof body === 'string' ? new URLSearchParams(body) : undefined;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * The request URL for a path or URL. Paths are appended to the base URL (which may have a path of
 * its own, like `https://slack.com/api`); absolute URLs must be on the base URL's origin, so a
 * user's credentials are never sent to another host; and both must stay under the base path
 * however their dots and slashes are spelled (`../`, `%2e%2e/`, `..%2f`, `..\`), so they never
 * reach another API on the same host either.
 */
export function resolveRequestUrl(auth: Pick<RequestAuth, 'baseUrl' | 'provider'>, pathOrUrl: string | URL): URL {
  const base = new URL(auth.baseUrl);
  const raw = String(pathOrUrl);
  const absolute = pathOrUrl instanceof URL || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//');
  let url: URL;
  try {
    url = absolute ? new URL(raw, base) : new URL(`${auth.baseUrl}${raw.startsWith('/') ? '' : '/'}${raw}`);
  } catch {
    throw new OnBehalfError('INVALID_INPUT', `Not a valid path or URL for the ${auth.provider.name} API.`);
  }
  if (url.origin !== base.origin) {
    throw new OnBehalfError('INVALID_INPUT', `Refusing to send ${auth.provider.name} credentials to ${url.origin}: requests must stay on ${base.origin}.`, {
      details: { provider: auth.provider.id, origin: url.origin },
    });
  }
  if (!staysUnderBasePath(base.pathname, url.pathname)) {
    throw new OnBehalfError('INVALID_INPUT', `Refusing a path that leaves the ${auth.provider.name} API base path ${base.pathname}: ${url.pathname}.`, {
      details: { provider: auth.provider.id, path: url.pathname },
    });
  }
  return url;
}

/**
 * A fetch bound to one account's request auth: base URL, provider headers, auth header or query,
 * one refresh-and-retry after a 401, bounded backoff on 429/5xx honouring Retry-After, same-origin
 * redirects only, AbortSignal support. Non-2xx answers are returned as they are.
 */
export function createAuthenticatedFetch(initial: RequestAuth, options: AuthenticatedFetchOptions = {}): AuthenticatedFetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? sleepFor;
  // The account's own settings (ob.accounts.updateSettings) come before the app-wide ones.
  const maxRetries = initial.account.settings?.maxRetries ?? options.maxRetries ?? 3;
  const requestTimeoutMs = initial.account.settings?.requestTimeoutMs ?? undefined;
  const maxDelay = options.maxRetryDelayMs ?? 10_000;
  const initialDelay = options.initialRetryDelayMs ?? 500;
  // Every auth this fetch has sent (initial, then refreshed). Their secrets are worked out only
  // when something needs redacting: most calls never fail, and this runs on every tool call.
  const sent: RequestAuth[] = [];
  let secrets: string[] | undefined;
  let current = initial;
  let refreshing: { from: RequestAuth; promise: Promise<RequestAuth | undefined> } | undefined;

  const isProviderDefault = (auth: RequestAuth, name: string, value: string) =>
    Object.entries(auth.provider.api.headers ?? {}).some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === value);

  function remember(auth: RequestAuth): void {
    sent.push(auth);
    secrets = undefined;
  }
  remember(initial);

  function headersFor(auth: RequestAuth, init: AuthenticatedRequestInit): Headers {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(headersForToken(auth, init.token))) {
      // Provider defaults (Notion-Version, Accept) may be overridden by the caller; credentials may not.
      if (!isProviderDefault(auth, name, value) || !headers.has(name)) headers.set(name, value);
    }
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    return headers;
  }

  function withAuthQuery(auth: RequestAuth, url: URL): URL {
    for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
    return url;
  }

  /** One attempt, following redirects only while they stay on the API's origin. */
  async function send(auth: RequestAuth, url: URL, init: AuthenticatedRequestInit): Promise<Response> {
    const origin = new URL(auth.baseUrl).origin;
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const headers = headersFor(auth, init);
    const { token: _token, ...requestInit } = init;
    let target = url;
    for (let hop = 0; ; hop++) {
      // An OAuth 1.0a signature covers the method and URL of this very hop.
      if (auth.sign) headers.set('authorization', auth.sign(method, target, formParameters(body, headers)));
      let response: Response;
      try {
        const timeout = requestTimeoutMs === undefined ? undefined : AbortSignal.timeout(requestTimeoutMs);
        const signal = timeout ? (init.signal ? AbortSignal.any([init.signal, timeout]) : timeout) : init.signal;
        response = await fetchImpl(target, { ...requestInit, method, body, headers, redirect: 'manual', ...(signal ? { signal } : {}) });
      } catch (error) {
        if (init.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) throw error;
        if (error instanceof Error && error.name === 'TimeoutError') {
          throw new OnBehalfError('PROVIDER_API_ERROR', `The ${auth.provider.name} API did not answer within ${requestTimeoutMs} ms (${method} ${target.origin}${target.pathname}).`, {
            retryable: true,
            details: { provider: auth.provider.id, method, path: target.pathname, timeoutMs: requestTimeoutMs },
          });
        }
        const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
        throw new OnBehalfError('PROVIDER_API_ERROR', `Could not reach the ${auth.provider.name} API (${method} ${target.origin}${target.pathname}): ${redact(reason)}.`, {
          retryable: true,
          details: { provider: auth.provider.id, method, path: target.pathname },
        });
      }
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || hop >= MAX_REDIRECTS) return response;
      const next = new URL(location, target);
      // A redirect to another host is handed back, not followed: credentials stay on the API's origin.
      if (next.origin !== origin) return response;
      await discard(response);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      target = withAuthQuery(auth, next);
    }
  }

  /** Refreshes once per token: concurrent 401s on the same token share one refresh. */
  function refreshAfter401(used: RequestAuth): Promise<RequestAuth | undefined> {
    if (current !== used) return Promise.resolve(current);
    if (refreshing?.from !== used) {
      const promise = used.refresh().then((next) => {
        if (next) {
          current = next;
          remember(next);
        }
        return next;
      });
      refreshing = { from: used, promise };
    }
    return refreshing.promise;
  }

  function delayBeforeRetry(response: Response, attempt: number): number | undefined {
    const hinted = retryAfter(response.headers.get('retry-after'));
    // Told to wait longer than we are willing to: retrying earlier would only fail again.
    if (hinted !== undefined) return hinted <= maxDelay ? hinted : undefined;
    const backoff = Math.min(maxDelay, initialDelay * 2 ** attempt);
    return backoff / 2 + Math.random() * (backoff / 2);
  }

  function redact(text: string): string {
    // Longest first: `user:password` goes as a whole before the password inside it.
    secrets ??= [...new Set(sent.flatMap(requestSecrets))].filter((secret) => secret.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
    let result = text;
    for (const secret of secrets) result = result.split(secret).join('[REDACTED]');
    return result;
  }

  async function authenticatedFetch(pathOrUrl: string | URL, init: AuthenticatedRequestInit = {}): Promise<Response> {
    if (!options.observe) return request(pathOrUrl, init);
    let response: Response;
    try {
      response = await request(pathOrUrl, init);
    } catch (error) {
      // Unreachable or timed out counts; a request refused before anything was sent does not.
      if (isOnBehalfError(error) && error.code === 'PROVIDER_API_ERROR') options.observe({ auth: current, status: undefined });
      throw error;
    }
    options.observe({ auth: current, status: response.status });
    return response;
  }

  async function request(pathOrUrl: string | URL, init: AuthenticatedRequestInit): Promise<Response> {
    // Asking for a token the account does not have fails before anything is sent.
    headersForToken(current, init.token);
    const method = (init.method ?? 'GET').toUpperCase();
    const replayable = isReplayable(init.body);
    let auth = current;
    let refreshed = false;
    let retries = 0;
    for (;;) {
      init.signal?.throwIfAborted();
      const response = await send(auth, withAuthQuery(auth, resolveRequestUrl(auth, pathOrUrl)), init);
      if (response.status === 401 && !refreshed && replayable) {
        refreshed = true;
        let next: RequestAuth | undefined;
        try {
          next = await refreshAfter401(auth);
        } catch (error) {
          await discard(response);
          throw isOnBehalfError(error) ? error : new OnBehalfError('REFRESH_FAILED', `Refreshing the ${auth.provider.name} token after a 401 failed.`, { retryable: true });
        }
        if (next) {
          await discard(response);
          auth = next;
          continue;
        }
        return response;
      }
      if (replayable && retries < maxRetries && mayRetry(response.status, method)) {
        const wait = delayBeforeRetry(response, retries);
        if (wait !== undefined) {
          await discard(response);
          await sleep(wait, init.signal ?? undefined);
          retries++;
          continue;
        }
      }
      return response;
    }
  }

  function extraToken(label: string): string {
    const token = current.extraTokens?.[label]?.accessToken;
    if (token === undefined) throw missingToken(current, label);
    return token;
  }

  return Object.assign(authenticatedFetch, { redact, extraToken });
}
