import { InsufficientScopesError, OnBehalfError } from '../errors.ts';
import { providerErrorInfo, type Provider } from '../providers/index.ts';

const MAX_BODY_READ = 64 * 1024;

/** The longest plain-text error body handed to a parser: a sentence, not a page. */
const MAX_TEXT_READ = 1024;

/**
 * Reads at most 64 KiB of an error answer as JSON, or a short `text/plain` one as a string (Trello
 * answers `invalid value for idList` that way); anything else (an HTML page) yields undefined.
 */
async function readErrorBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (/^text\/plain/i.test(type)) {
    const text = await response.text().catch(() => '');
    return text.length <= MAX_TEXT_READ ? text.trim() : undefined;
  }
  if (!/json/i.test(type)) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  try {
    const text = await response.text();
    return JSON.parse(text.length > MAX_BODY_READ ? text.slice(0, MAX_BODY_READ) : text);
  } catch {
    return undefined;
  }
}

/** Every string in a parsed body with `redact` applied. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)]));
  return value;
}

/**
 * `PROVIDER_API_ERROR` for a non-2xx answer: the status, the method and path (never the query,
 * which may carry an API key) and the provider's own message and code as its error parser reads
 * them — not the body. The body is redacted before the parser sees it, so a secret the provider
 * echoes is gone before its message is cut to length (a cut secret would no longer match).
 */
export async function providerApiError(options: {
  provider: Provider;
  response: Response;
  method: string;
  url: URL;
  redact?: (text: string) => string;
}): Promise<OnBehalfError> {
  const { provider, response, method, url } = options;
  const body = await readErrorBody(response);
  const info = providerErrorInfo(provider, options.redact ? redactStrings(body, options.redact) : body);
  const missing = missingScopesOf(response, body);
  if (missing) return insufficientScopes({ provider, status: response.status, method, path: url.pathname, missingScopes: missing, ...info, redact: options.redact });
  return providerError({ provider, status: response.status, method, path: url.pathname, ...info, redact: options.redact });
}

const scopeList = (value: string | null | undefined): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * The scopes a provider says the token lacks, when its refusal is about scope: [] when it does not
 * say which, undefined for any other refusal. Read from what the providers document:
 * - an RFC 6750 challenge, `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`
 *   (Google sends it with its 403s, so do GitLab and most OAuth resource servers);
 * - Google's body, `error.errors[].reason: insufficientPermissions` or
 *   `error.details[].reason: ACCESS_TOKEN_SCOPE_INSUFFICIENT`;
 * - GitHub's `X-Accepted-OAuth-Scopes` (any of which would do) against the token's `X-OAuth-Scopes`
 *   on a 403 or 404 (GitHub hides what a token may not see behind a 404);
 * - an OAuth-style body `{ error: 'insufficient_scope' }`.
 */
export function missingScopesOf(response: Response, body: unknown): string[] | undefined {
  const { status } = response;
  if (status !== 401 && status !== 403 && status !== 404) return undefined;
  const challenge = response.headers.get('www-authenticate') ?? '';
  if (/error="?insufficient_scope"?/i.test(challenge)) return scopeList(/scope="([^"]*)"/i.exec(challenge)?.[1]);
  if (status === 404 || status === 403) {
    const accepted = scopeList(response.headers.get('x-accepted-oauth-scopes'));
    const granted = response.headers.get('x-oauth-scopes');
    if (accepted.length > 0 && granted !== null && !accepted.some((scope) => scopeList(granted).includes(scope))) return accepted;
  }
  if (status !== 403 || typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (error === 'insufficient_scope') return [];
  if (typeof error !== 'object' || error === null) return undefined;
  const reasons = [
    ...((error as { errors?: unknown }).errors instanceof Array ? ((error as { errors: unknown[] }).errors) : []),
    ...((error as { details?: unknown }).details instanceof Array ? ((error as { details: unknown[] }).details) : []),
  ].map((item) => (typeof item === 'object' && item !== null ? (item as { reason?: unknown }).reason : undefined));
  return reasons.some((reason) => reason === 'insufficientPermissions' || reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') ? [] : undefined;
}

/** INVALID_PERMISSIONS for a provider's refusal over scope (the link to upgrade is added by the caller that can make one). */
export function insufficientScopes(options: {
  provider: Provider;
  status: number;
  method: string;
  path: string;
  missingScopes: string[];
  /** The provider's own code and message, as `providerError` keeps them. */
  code?: string;
  message?: string;
  redact?: ((text: string) => string) | undefined;
}): InsufficientScopesError {
  const { provider, status, method, path, missingScopes, code } = options;
  const redact = options.redact ?? ((text: string) => text);
  const which = missingScopes.length > 0 ? `: it needs ${missingScopes.join(', ')}` : '';
  return new InsufficientScopesError(`The ${provider.name} account was not granted the permissions for ${method} ${path}${which}. The person has to approve them.`, {
    missingScopes,
    details: { provider: provider.id, status, method, path, ...(code ? { providerCode: redact(code) } : {}), ...(options.message ? { providerMessage: redact(options.message) } : {}) },
  });
}

export function providerError(options: {
  provider: Provider;
  status: number;
  method: string;
  path: string;
  message?: string;
  code?: string;
  redact?: ((text: string) => string) | undefined;
}): OnBehalfError {
  const { provider, status, method, path, code } = options;
  const redact = options.redact ?? ((text: string) => text);
  const said = [options.message, code && code !== options.message ? `(${code})` : undefined].filter(Boolean).join(' ');
  const message = redact(`The ${provider.name} API answered ${status} to ${method} ${path}${said ? `: ${said}` : ''}.`);
  return new OnBehalfError('PROVIDER_API_ERROR', message, {
    retryable: status === 429 || status >= 500,
    details: { provider: provider.id, status, method, path, ...(code ? { providerCode: redact(code) } : {}), ...(options.message ? { providerMessage: redact(options.message) } : {}) },
  });
}
