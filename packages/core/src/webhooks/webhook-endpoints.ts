import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { OnBehalfError } from '../errors.ts';
import { WEBHOOK_EVENTS, type WebhookEndpointOptions, type WebhookEventType } from './webhook-types.ts';

export interface WebhookEndpoint {
  /** What the outbox stores instead of the URL (which may carry a token of its own). */
  key: string;
  url: URL;
  events: ReadonlySet<WebhookEventType>;
  signer: Webhook;
}

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

function invalid(index: number, message: string): OnBehalfError {
  return new OnBehalfError('CONFIGURATION_ERROR', `webhooks[${index}]: ${message}`);
}

/** Checks the `webhooks` option at startup; messages name the field, never the secret. */
export function resolveWebhookEndpoints(options: WebhookEndpointOptions[] | undefined): WebhookEndpoint[] {
  if (options === undefined) return [];
  if (!Array.isArray(options)) throw new OnBehalfError('CONFIGURATION_ERROR', 'webhooks must be an array of { url, secret, events }.');
  const seen = new Set<string>();
  return options.map((option, index) => {
    if (!option || typeof option !== 'object') throw invalid(index, 'expected { url, secret, events }.');
    let url: URL;
    try {
      url = new URL(option.url);
    } catch {
      throw invalid(index, 'url is not an absolute URL.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(index, 'url must be http(s).');
    if (seen.has(url.href)) throw invalid(index, 'this url is configured twice; give one endpoint all its events.');
    seen.add(url.href);
    const match = typeof option.secret === 'string' ? SECRET.exec(option.secret) : null;
    const bytes = match ? Buffer.from(match[1]!, 'base64').length : 0;
    if (!match || bytes < 24 || bytes > 64) throw invalid(index, "secret must be 'whsec_' followed by the base64 of 24 to 64 random bytes.");
    const events = option.events ?? [...WEBHOOK_EVENTS];
    if (!Array.isArray(events) || events.length === 0 || events.some((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))) {
      throw invalid(index, `events must be a non-empty list of ${WEBHOOK_EVENTS.join(', ')}.`);
    }
    return {
      key: `ep_${createHash('sha256').update(url.href).digest('hex').slice(0, 24)}`,
      url,
      events: new Set(events),
      signer: new Webhook(option.secret),
    };
  });
}
