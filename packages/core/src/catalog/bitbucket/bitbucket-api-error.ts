import type { ProviderErrorInfo } from '../../providers/index.ts';

/** Bitbucket's errors are `{ type: 'error', error: { message, detail, fields } }`. */
export function bitbucketApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { error } = body as { error?: { message?: unknown; detail?: unknown } };
  if (!error || typeof error !== 'object') return {};
  const message = [error.message, typeof error.detail === 'string' ? error.detail : undefined].filter((m): m is string => typeof m === 'string').join(': ');
  return message ? { message } : {};
}
