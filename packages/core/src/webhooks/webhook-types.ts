import type { OnBehalfEvents } from '../events.ts';

/** The events an app can receive by webhook. */
export const WEBHOOK_EVENTS = ['account.status_changed', 'account.authorized', 'token.refresh_failed', 'account.deleted'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpointOptions {
  /** Where the events are POSTed (http or https). */
  url: string;
  /** The endpoint's Standard Webhooks signing secret, `whsec_` + base64 of 24 to 64 random bytes. */
  secret: string;
  /** Which events this endpoint receives. Default: all of them. */
  events?: WebhookEventType[];
}

/** An event for the outbox: the same ids and statuses the in-process event carries, nothing secret. */
export type WebhookEventInput = { [K in WebhookEventType]: { type: K; data: OnBehalfEvents[K] & { alias?: string } } }[WebhookEventType];

/** The signed JSON body, in the shape the Standard Webhooks specification recommends. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** When the change happened (ISO 8601); the `webhook-timestamp` header is when the attempt was sent. */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface WebhookDeliveryResult {
  delivered: number;
  /** Attempts that failed this time (retried later, or given up after the last one). */
  failed: number;
}
