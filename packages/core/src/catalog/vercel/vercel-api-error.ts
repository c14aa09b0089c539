import type { ProviderErrorInfo } from '../../providers/index.ts';

/** Vercel's errors are `{ error: { code: 'forbidden', message: '…' } }`. */
export function vercelApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { error } = body as { error?: { code?: unknown; message?: unknown } };
  if (!error || typeof error !== 'object') return {};
  return { ...(typeof error.message === 'string' ? { message: error.message } : {}), ...(typeof error.code === 'string' ? { code: error.code } : {}) };
}
