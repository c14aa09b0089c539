import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Salesforce's REST errors are an array, `[{ message, errorCode, fields? }]`
 * (`INVALID_SESSION_ID`, `NOT_FOUND`, `MALFORMED_QUERY`, `REQUIRED_FIELD_MISSING`): the first one's
 * message and code. OAuth-style `{ error, error_description }` bodies are read too.
 */
export function salesforceApiErrorInfo(body: unknown): ProviderErrorInfo {
  const first = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null) return {};
  const { message, errorCode, error, error_description: description } = first as Record<string, unknown>;
  const text = typeof message === 'string' ? message : description;
  const code = typeof errorCode === 'string' ? errorCode : error;
  return { ...(typeof text === 'string' ? { message: text } : {}), ...(typeof code === 'string' ? { code } : {}) };
}
