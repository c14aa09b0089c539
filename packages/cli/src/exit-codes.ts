import { isOnBehalfError, type ErrorCode } from '@onbehalf/core';

/**
 * What `onbehalf` exits with, so that a script or a deploy step can tell what failed without
 * reading the message. Stable: documented in the README.
 */
export const EXIT_CODES = {
  OK: 0,
  /** Unknown command or option, a missing or malformed argument. */
  USAGE: 1,
  /** The encryption key, the --config module, baseUrl or a connection's configuration. */
  CONFIGURATION: 2,
  /** The database cannot be reached, or its tables are missing (run `onbehalf migrate`). */
  DATABASE: 3,
  /** The connection, account or provider named does not exist. */
  NOT_FOUND: 4,
  /** A provider refused or failed: the token endpoint, revocation, an API call. */
  PROVIDER: 5,
  /** The account cannot be used as it is: it needs (re-)authorization, or it is suspended. */
  ACCOUNT: 6,
  /** Anything else: a bug, reported with its message. */
  INTERNAL: 9,
  /** Stopped by Ctrl-C (SIGINT); `vault rotate` continues where it stopped when run again. */
  INTERRUPTED: 130,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  CONFIGURATION_ERROR: EXIT_CODES.CONFIGURATION,
  ENCRYPTION_KEY_MISSING: EXIT_CODES.CONFIGURATION,
  ENCRYPTION_KEY_INVALID: EXIT_CODES.CONFIGURATION,
  DECRYPTION_FAILED: EXIT_CODES.CONFIGURATION,
  CONNECTION_INVALID: EXIT_CODES.CONFIGURATION,
  DATABASE_ERROR: EXIT_CODES.DATABASE,
  CONNECTION_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  PROVIDER_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  ACCOUNT_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  LINK_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  TOOL_NOT_FOUND: EXIT_CODES.NOT_FOUND,
  OAUTH_ERROR: EXIT_CODES.PROVIDER,
  ACCESS_DENIED: EXIT_CODES.PROVIDER,
  REFRESH_FAILED: EXIT_CODES.PROVIDER,
  REFRESH_TIMEOUT: EXIT_CODES.PROVIDER,
  PROVIDER_API_ERROR: EXIT_CODES.PROVIDER,
  INVALID_CREDENTIALS: EXIT_CODES.PROVIDER,
  AUTHORIZATION_REQUIRED: EXIT_CODES.ACCOUNT,
  ACCOUNT_EXPIRED: EXIT_CODES.ACCOUNT,
  ACCOUNT_REVOKED: EXIT_CODES.ACCOUNT,
  ACCOUNT_SUSPENDED: EXIT_CODES.ACCOUNT,
  ACCOUNT_ERROR: EXIT_CODES.ACCOUNT,
  INVALID_PERMISSIONS: EXIT_CODES.ACCOUNT,
  INVALID_INPUT: EXIT_CODES.USAGE,
  INVALID_RETURN_TO: EXIT_CODES.USAGE,
  TOOL_INPUT_INVALID: EXIT_CODES.USAGE,
};

/** Socket and DNS failures, and SQLSTATE classes 08 (connection), 28 (authorization) and 3D (no such database). */
const DATABASE_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SQLITE_ERROR']);

/** A failure the CLI itself found (a usage mistake, a failed doctor check), with the exit code it means. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  readonly code: string;
  constructor(code: string, message: string, exitCode: number) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** The error code of a database driver's error (pg puts it on the error or, for AggregateError, on each part). */
function driverCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const parts = (error as { errors?: unknown }).errors;
  return Array.isArray(parts) ? parts.map(driverCode).find(Boolean) : undefined;
}

export function isDatabaseFailure(error: unknown): boolean {
  if (isOnBehalfError(error)) return error.code === 'DATABASE_ERROR';
  const code = driverCode(error);
  return code !== undefined && (DATABASE_SYSTEM_CODES.has(code) || /^(08|28|3D)[0-9A-Z]{3}$/.test(code));
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isOnBehalfError(error)) return BY_CODE[error.code] ?? EXIT_CODES.INTERNAL;
  if (isDatabaseFailure(error)) return EXIT_CODES.DATABASE;
  return EXIT_CODES.INTERNAL;
}

/** A code for `--json` error output: the library's own, or the driver's for a database failure. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof CliError || isOnBehalfError(error)) return error.code;
  if (isDatabaseFailure(error)) return 'DATABASE_ERROR';
  return 'INTERNAL_ERROR';
}

/**
 * A message that is safe to print: OnBehalfError messages are by contract; a driver's message may
 * name the database URL, so any password in a URL is masked.
 */
export function safeMessageOf(error: unknown): string {
  if (isOnBehalfError(error) && error.code === 'DATABASE_ERROR' && typeof error.details.table === 'string') return `${error.message} From a shell: onbehalf migrate.`;
  if (error instanceof CliError || isOnBehalfError(error)) return error.message;
  const message = error instanceof Error ? error.message || error.name : String(error);
  const code = driverCode(error);
  const text = message.replace(/(\/\/[^:/@\s]+):[^@\s]*@/g, '$1:***@');
  if (isDatabaseFailure(error)) return `the database failed: ${text}${code && !text.includes(code) ? ` (${code})` : ''}`;
  return text;
}
