import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * HubSpot's API errors are `{ status: 'error', message, correlationId, category, subCategory?,
 * errors?: [{ message, code }] }` (`category: 'OBJECT_NOT_FOUND'`, `'VALIDATION_ERROR'`, …): the
 * message, and the sub-category or category as the code.
 */
export function hubspotApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { message, category, subCategory } = body as { message?: unknown; category?: unknown; subCategory?: unknown };
  const code = typeof subCategory === 'string' ? subCategory : category;
  return {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
