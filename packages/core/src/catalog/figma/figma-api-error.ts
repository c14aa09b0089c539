import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Figma's REST errors come in two documented shapes: `{ status, err }` (most 403/404/429s) and
 * `{ error: true, status, message }` (400s of some endpoints, and its OAuth endpoints).
 */
export function figmaApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { err, message } = body as { err?: unknown; message?: unknown };
  if (typeof err === 'string') return { message: err };
  if (typeof message === 'string') return { message };
  return {};
}
