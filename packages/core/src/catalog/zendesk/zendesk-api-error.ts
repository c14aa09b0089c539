import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Zendesk's errors come in three shapes: `{ error: 'RecordNotFound', description: 'Not found' }`,
 * the same with `details: { field: [{ description }] }` for a 422 (the first detail is the useful
 * part: "Status: closed prevents ticket update"), and `{ error: { title, message } }` (403).
 */
export function zendeskApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { error, description, details } = body as { error?: unknown; description?: unknown; details?: unknown };
  if (typeof error === 'object' && error !== null) {
    const { title, message } = error as { title?: unknown; message?: unknown };
    return { ...(typeof message === 'string' ? { message } : {}), ...(typeof title === 'string' ? { code: title } : {}) };
  }
  const first = typeof details === 'object' && details !== null ? Object.values(details).flat()[0] as { description?: unknown } | undefined : undefined;
  const message = [description, first?.description].filter((part): part is string => typeof part === 'string').join(': ');
  return { ...(message ? { message } : {}), ...(typeof error === 'string' ? { code: error } : {}) };
}
