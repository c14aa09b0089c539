export { createWebhookOutbox } from './webhook-outbox.ts';
export type { OutboxTransaction, WebhookOutbox, WebhookOutboxOptions } from './webhook-outbox.ts';
export { MAX_WEBHOOK_ATTEMPTS, webhookRetryDelayMs } from './webhook-backoff.ts';
export { WEBHOOK_EVENTS } from './webhook-types.ts';
export type { WebhookDeliveryResult, WebhookEndpointOptions, WebhookEventInput, WebhookEventType, WebhookPayload } from './webhook-types.ts';
