import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Trello answers most errors as a short `text/plain` sentence (`invalid value for idList`,
 * `invalid token`), some as JSON `{ message, error }` (`error` being a code such as `NOT_FOUND`).
 */
export function trelloApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body === 'string') return body ? { message: body } : {};
  if (typeof body !== 'object' || body === null) return {};
  const { message, error } = body as { message?: unknown; error?: unknown };
  return {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof error === 'string' ? { code: error } : {}),
  };
}
