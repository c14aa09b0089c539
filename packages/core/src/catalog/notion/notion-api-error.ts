import type { ProviderErrorInfo } from '../../providers/index.ts';

/** Notion's errors are `{ object: 'error', status, code: 'object_not_found', message }`. */
export function notionApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { code, message } = body as { code?: unknown; message?: unknown };
  return {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
