import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Discord's error body is `{ code: 50001, message: 'Missing Access', errors? }` (a numeric JSON
 * error code) and `{ message, retry_after, global }` on 429.
 */
export function discordApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { code, message } = body as { code?: unknown; message?: unknown };
  return {
    ...(typeof message === 'string' && message.trim() !== '' ? { message: message.trim().slice(0, 300) } : {}),
    ...(typeof code === 'number' || (typeof code === 'string' && code !== '') ? { code: String(code) } : {}),
  };
}
