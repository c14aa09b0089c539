import type { WebhookEndpoint } from './webhook-endpoints.ts';

/** A receiver that has not answered within this is retried later. */
const TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: true } | { ok: false; error: string };

/**
 * One signed POST (Standard Webhooks: `webhook-id`, `webhook-timestamp` of this attempt,
 * `webhook-signature`). Only a 2xx answer counts; redirects are not followed (the signed message
 * goes only where the app said). The answer's body is never read or kept.
 */
export async function sendWebhook(endpoint: WebhookEndpoint, messageId: string, payload: string, now: number): Promise<SendOutcome> {
  const at = new Date(now);
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'onbehalf-webhooks/0.1',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(now / 1000)),
        'webhook-signature': endpoint.signer.sign(messageId, at, payload),
      },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    return { ok: false, error: name === 'TimeoutError' ? 'timeout' : 'unreachable' };
  }
  await response.body?.cancel().catch(() => undefined);
  return response.status >= 200 && response.status < 300 ? { ok: true } : { ok: false, error: `HTTP ${response.status}` };
}
