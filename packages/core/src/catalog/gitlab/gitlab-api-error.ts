import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * GitLab's errors are `{ message: '404 Project Not Found' }`, `{ message: { title: ['is too long'] } }`
 * for validation, or `{ error: 'insufficient_scope', error_description }` from its OAuth layer.
 */
export function gitlabApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { message, error, error_description: description } = body as { message?: unknown; error?: unknown; error_description?: unknown };
  if (typeof message === 'string') return { message };
  if (message && typeof message === 'object') {
    return { message: Object.entries(message).map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`).join('; ') };
  }
  return { ...(typeof description === 'string' ? { message: description } : {}), ...(typeof error === 'string' ? { code: error } : {}) };
}
