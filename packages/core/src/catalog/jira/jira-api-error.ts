import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Jira's errors are `{ errorMessages: ['…'], errors: { field: '…' } }`; the gateway answers some
 * with `{ code, message }`. The message names the problem in Jira's own words.
 */
export function jiraApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { errorMessages, errors, message, code } = body as { errorMessages?: unknown; errors?: unknown; message?: unknown; code?: unknown };
  const parts: string[] = [];
  if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
  if (errors && typeof errors === 'object') for (const [field, text] of Object.entries(errors)) if (typeof text === 'string') parts.push(`${field}: ${text}`);
  if (typeof message === 'string') parts.push(message);
  return { ...(parts.length > 0 ? { message: parts.join('; ') } : {}), ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}) };
}
