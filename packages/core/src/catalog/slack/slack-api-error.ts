import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * Slack answers `{ ok: false, error: 'channel_not_found' }` — with HTTP 200 for most failures (see
 * slack-call.ts) and with 4xx/5xx for rate limits and outages; the error string is the code.
 */
export function slackApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { error } = body as { error?: unknown };
  return typeof error === 'string' && error.trim() !== '' ? { code: error.trim() } : {};
}
