/**
 * One error class for everything the library refuses or cannot do. `code` is stable and meant for
 * programs; `message` is meant for people and is always safe to log: it never holds a token, a
 * secret, an authorization code or a raw provider response.
 */
export const ERROR_STATUS = {
  CONFIGURATION_ERROR: 500,
  ENCRYPTION_KEY_MISSING: 500,
  ENCRYPTION_KEY_INVALID: 500,
  DECRYPTION_FAILED: 500,
  DATABASE_ERROR: 500,
  CONNECTION_NOT_FOUND: 404,
  CONNECTION_INVALID: 400,
  PROVIDER_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  AUTHORIZATION_REQUIRED: 401,
  ACCOUNT_EXPIRED: 401,
  ACCOUNT_REVOKED: 401,
  ACCOUNT_SUSPENDED: 403,
  ACCOUNT_ERROR: 409,
  ACCOUNT_IDENTITY_MISMATCH: 409,
  ACCOUNT_ALREADY_CONNECTED: 409,
  INVALID_CREDENTIALS: 400,
  INVALID_PERMISSIONS: 403,
  INVALID_INPUT: 400,
  INVALID_STATE: 400,
  INVALID_RETURN_TO: 400,
  IDENTIFIER_MISMATCH: 403,
  SIGN_IN_REQUIRED: 401,
  LINK_NOT_FOUND: 404,
  LINK_EXPIRED: 410,
  LINK_USED: 410,
  OAUTH_ERROR: 502,
  ACCESS_DENIED: 403,
  REFRESH_FAILED: 503,
  REFRESH_TIMEOUT: 503,
  TOOL_NOT_FOUND: 404,
  TOOL_INPUT_INVALID: 400,
  TOOL_DENIED: 403,
  APPROVAL_REQUIRED: 403,
  APPROVAL_NOT_FOUND: 404,
  PROVIDER_API_ERROR: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface OnBehalfErrorOptions {
  /** Safe, non-secret facts for programs (ids, statuses, provider error codes). */
  details?: Record<string, unknown>;
  /** Whether trying again later may succeed (outages, lease timeouts). */
  retryable?: boolean;
  /** The underlying error, already stripped of secrets by the caller. */
  cause?: unknown;
}

export class OnBehalfError extends Error {
  override readonly name: string = 'OnBehalfError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: OnBehalfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }

  toJSON(): { code: ErrorCode; message: string; status: number; details: Record<string, unknown>; retryable: boolean } {
    return { code: this.code, message: this.message, status: this.status, details: this.details, retryable: this.retryable };
  }
}

/** The account exists but cannot be used until a person (re-)authorizes it. */
export class AuthorizationRequiredError extends OnBehalfError {
  override readonly name = 'AuthorizationRequiredError';
  readonly accountStatus: string;
  readonly authorizationLink: string | undefined;

  constructor(message: string, options: { accountStatus: string; authorizationLink?: string; details?: Record<string, unknown> }) {
    super('AUTHORIZATION_REQUIRED', message, { details: { ...options.details, status: options.accountStatus } });
    this.accountStatus = options.accountStatus;
    this.authorizationLink = options.authorizationLink;
  }
}

/**
 * INVALID_PERMISSIONS because the account's grant lacks scopes: found before a tool sent anything,
 * or read from the provider's own refusal (Google `insufficientPermissions`, Slack `missing_scope`,
 * an RFC 6750 `insufficient_scope` challenge). `authorizationLink`, when set, asks for them on top
 * of what the account has; the old grant stays in use until that consent succeeds.
 */
export class InsufficientScopesError extends OnBehalfError {
  override readonly name = 'InsufficientScopesError';
  /** What is missing; empty when the provider refused for scope without saying which. */
  readonly missingScopes: string[];
  readonly authorizationLink: string | undefined;

  constructor(message: string, options: { missingScopes: string[]; authorizationLink?: string; details?: Record<string, unknown> }) {
    super('INVALID_PERMISSIONS', message, { details: { ...options.details, missingScopes: options.missingScopes } });
    this.missingScopes = options.missingScopes;
    this.authorizationLink = options.authorizationLink;
  }
}

export function isOnBehalfError(error: unknown, code?: ErrorCode): error is OnBehalfError {
  return error instanceof OnBehalfError && (code === undefined || error.code === code);
}
