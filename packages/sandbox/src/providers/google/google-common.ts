import { authenticate, bearerToken, hasScope, type MockProviderContext, type MockRequest, type MockResponse, type TokenInfo } from '../../mock-api/index.ts';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const REASONS: Record<number, string> = {
  400: 'invalidArgument',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  429: 'Quota exceeded for quota metric \'Queries\' and limit \'Queries per minute per user\'.',
  500: 'Internal error encountered.',
  503: 'The service is currently unavailable.',
};

/** Google's JSON error envelope: `{ error: { code, message, errors: [{ message, domain, reason }], status } }`. */
export function googleError(code: number, message?: string, options: { reason?: string; status?: string | null; headers?: Record<string, string> } = {}): MockResponse {
  const text = message ?? DEFAULT_MESSAGES[code] ?? 'Error';
  const status = options.status === null ? undefined : (options.status ?? STATUS_NAMES[code] ?? 'UNKNOWN');
  const error: Record<string, unknown> = {
    code,
    message: text,
    errors: [{ message: text, domain: 'global', reason: options.reason ?? REASONS[code] ?? 'error' }],
  };
  if (status) error.status = status;
  return { status: code, body: { error }, headers: options.headers };
}

const REALM = 'Bearer realm="https://accounts.google.com/"';

/**
 * Google answers 401 UNAUTHENTICATED with a `WWW-Authenticate` challenge for a missing or
 * invalid token, and 403 PERMISSION_DENIED / insufficientPermissions for a missing scope.
 */
export async function googleAuth(request: MockRequest, context: MockProviderContext, acceptedScopes: string[]): Promise<{ token: TokenInfo } | { response: MockResponse }> {
  const auth = await authenticate(bearerToken(request.headers) ?? request.query.get('access_token') ?? undefined, context.verifyAccessToken);
  if (auth.kind === 'missing') {
    return { response: {
      status: 401,
      headers: { 'www-authenticate': REALM },
      body: { error: {
        code: 401,
        message: 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        errors: [{ message: 'Login Required.', domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      } },
    } };
  }
  if (auth.kind === 'invalid') {
    return { response: {
      status: 401,
      headers: { 'www-authenticate': `${REALM}, error="invalid_token"` },
      body: { error: {
        code: 401,
        message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      } },
    } };
  }
  if (context.enforceScopes && !hasScope(auth.token.scopes, acceptedScopes)) {
    return { response: googleError(403, 'Request had insufficient authentication scopes.', {
      reason: 'insufficientPermissions',
      headers: { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${acceptedScopes.join(' ')}"` },
    }) };
  }
  return { token: auth.token };
}

/** RFC 3339 in UTC without milliseconds noise where Google omits it (`2025-01-15T10:00:00Z`). */
export function rfc3339(date: Date, withMillis = false): string {
  const iso = date.toISOString();
  return withMillis ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}
