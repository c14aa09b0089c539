import { AsyncLocalStorage } from 'node:async_hooks';
import { MAX_TOKEN_LIFETIME_SECONDS } from './token-set.ts';

/**
 * A refresh token seen in a 200 answer, kept even when the rest of the answer is unusable. A
 * provider that rotates has already consumed the old refresh token when it answers: dropping a
 * new one found inside a malformed response would end the grant. The token endpoint fetch runs
 * deep inside openid-client, so the refresh that wants to know listens through async context.
 */
const seenRefreshTokens = new AsyncLocalStorage<{ refreshToken?: string }>();

/** Runs a token request and reports any refresh token its answer carried, whatever happened next. */
export async function withRefreshTokenCapture<T>(request: () => Promise<T>): Promise<{ result: T; refreshToken: string | undefined } | { error: unknown; refreshToken: string | undefined }> {
  const seen: { refreshToken?: string } = {};
  try {
    const result = await seenRefreshTokens.run(seen, request);
    return { result, refreshToken: seen.refreshToken };
  } catch (error) {
    return { error, refreshToken: seen.refreshToken };
  }
}

/** Token types other than DPoP are used as Bearer tokens: what Slack (`bot`), Salesforce and others send there means nothing else. */
const KNOWN_TOKEN_TYPES = new Set(['bearer', 'dpop']);


/**
 * What every token endpoint answer goes through before openid-client sees it: the shared
 * deviations (`refresh_token: null`, a missing `token_type`, `expires_in` as a string, an error
 * sent with HTTP 200) here, then the provider's own `normalizeTokenResponse` hook.
 */
export function normalizeTokenResponse(raw: Record<string, unknown>, providerHook?: (raw: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> {
  const hooked = providerHook ? providerHook(raw) : raw;
  if (typeof hooked.error === 'string' && typeof hooked.access_token !== 'string') {
    throw { error: hooked.error, error_description: hooked.error_description };
  }
  const normalized: Record<string, unknown> = { ...hooked };
  if (normalized.refresh_token === null || normalized.refresh_token === '') delete normalized.refresh_token;
  if (normalized.scope === null) delete normalized.scope;
  if (typeof normalized.token_type !== 'string' || !KNOWN_TOKEN_TYPES.has(normalized.token_type.toLowerCase())) normalized.token_type = 'bearer';
  if (typeof normalized.expires_in === 'string' && /^\d+$/.test(normalized.expires_in)) normalized.expires_in = Number(normalized.expires_in);
  // A lifetime that is not a positive finite number says nothing: the expiry is then unknown
  // (JWT exp, introspection or the first 401 decide), rather than failing the whole answer.
  if (typeof normalized.expires_in !== 'number' || !Number.isFinite(normalized.expires_in) || normalized.expires_in <= 0) delete normalized.expires_in;
  else normalized.expires_in = Math.min(normalized.expires_in, MAX_TOKEN_LIFETIME_SECONDS);
  return normalized;
}

/** What a provider changes about its token endpoint's requests and error answers (see `OAuth2Auth`). */
export interface TokenEndpointQuirks {
  tokenRequestParams?: Record<string, string> | undefined;
  normalizeTokenError?: ((raw: Record<string, unknown>) => { error: string; error_description?: string } | undefined) | undefined;
}

const GRANTS = new Set(['authorization_code', 'refresh_token']);

/**
 * Wraps fetch for the token endpoint: the request body is re-encoded as JSON for providers that
 * want it, a refresh grant goes to the provider's own `refreshUrl` when it has one (openid-client
 * knows a single token endpoint), a provider's extra token parameters are added to both grants, and
 * answers are normalized (errors, the provider's own shapes among them, become standard OAuth 400 bodies).
 */
export function normalizingFetch(tokenEndpoint: string, providerHook?: (raw: Record<string, unknown>) => Record<string, unknown>, requestBody: 'form' | 'json' = 'form', refreshUrl?: string, quirks: TokenEndpointQuirks = {}) {
  return async (url: string, options: { method: string; headers: Record<string, string>; body?: unknown; redirect?: RequestRedirect; signal?: AbortSignal | null }): Promise<Response> => {
    let init = options as RequestInit;
    if (url === tokenEndpoint && quirks.tokenRequestParams && options.body instanceof URLSearchParams && GRANTS.has(options.body.get('grant_type') ?? '')) {
      // Zendesk's `expires_in`: sent with both grants, never over what the request already says.
      const body = new URLSearchParams(options.body);
      for (const [name, value] of Object.entries(quirks.tokenRequestParams)) if (!body.has(name)) body.set(name, value);
      options = { ...options, body };
      init = options as RequestInit;
    }
    if (url === tokenEndpoint && requestBody === 'json' && options.body instanceof URLSearchParams) {
      init = { ...init, body: JSON.stringify(Object.fromEntries(options.body)), headers: { ...options.headers, 'content-type': 'application/json' } };
    }
    const isRefresh = url === tokenEndpoint && options.body instanceof URLSearchParams && options.body.get('grant_type') === 'refresh_token';
    const response = await fetch(isRefresh && refreshUrl ? refreshUrl : url, init);
    if (url !== tokenEndpoint || response.status >= 500) return response;
    const text = await response.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // GitHub answers form-encoded bodies to clients that forget Accept: application/json.
      if ((response.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) raw = Object.fromEntries(new URLSearchParams(text));
      else return new Response(text, { status: response.status, headers: response.headers });
    }
    if (!raw || typeof raw !== 'object') return new Response(text, { status: response.status, headers: response.headers });
    const refreshToken = (raw as { refresh_token?: unknown }).refresh_token;
    const seen = seenRefreshTokens.getStore();
    if (seen && response.ok && typeof refreshToken === 'string' && refreshToken !== '') seen.refreshToken = refreshToken;
    try {
      // A provider's own error shape (HubSpot's `{ status: 'BAD_REFRESH_TOKEN' }`) becomes OAuth's, so
      // a dead grant is `invalid_grant` (EXPIRED) rather than an unreadable answer (an outage).
      const mapped = !response.ok && quirks.normalizeTokenError ? quirks.normalizeTokenError(raw as Record<string, unknown>) : undefined;
      const body = response.ok ? normalizeTokenResponse(raw as Record<string, unknown>, providerHook) : (mapped ?? raw);
      return Response.json(body, { status: mapped && response.status < 400 ? 400 : response.status, headers: { 'cache-control': 'no-store' } });
    } catch (failure) {
      const { error, error_description } = (failure ?? {}) as { error?: unknown; error_description?: unknown };
      return Response.json(
        { error: typeof error === 'string' ? error : 'invalid_response', ...(typeof error_description === 'string' ? { error_description } : {}) },
        { status: 400 },
      );
    }
  };
}
