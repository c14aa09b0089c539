import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { createAccountsRepository, createOutboxRepository, newId, type AccountsRepository, type Database, type NewOutboxMessage, type OutboxRow, type StoreDatabase } from '../store/index.ts';
import { resolveWebhookEndpoints, type WebhookEndpoint } from './webhook-endpoints.ts';
import { webhookRetryDelayMs } from './webhook-backoff.ts';
import { sendWebhook } from './send-webhook.ts';
import type { WebhookDeliveryResult, WebhookEndpointOptions, WebhookEventInput, WebhookEventType, WebhookPayload } from './webhook-types.ts';

/** The repositories a write in the outbox's transaction uses: every statement of it goes through them. */
export interface OutboxTransaction {
  db: Kysely<Database>;
  accounts: AccountsRepository;
}

/** Messages one claim takes (and sends at once). */
const BATCH = 20;
/** How long a claimed message stays with this instance: well beyond one attempt's 10-second timeout. */
const LEASE_MS = 60_000;
/** Sent and given-up messages are kept this long (to look into a delivery), then deleted. */
const RETAIN_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

export interface WebhookOutboxOptions {
  store: StoreDatabase;
  accounts: AccountsRepository;
  webhooks: WebhookEndpointOptions[] | undefined;
  logger: Logger;
  now(): number;
}

/**
 * The transactional outbox behind `webhooks`. A change that some endpoint subscribes to is written
 * together with its messages in one database transaction; right after the commit this instance
 * tries to send them, and whatever fails is retried with backoff by `deliverDue()` (the refresher's
 * sweep and `ob.webhooks.flush()`). A message is claimed with a lease before it is sent, so of
 * several instances on one database exactly one sends each attempt.
 */
export function createWebhookOutbox(options: WebhookOutboxOptions) {
  const { store, logger, now } = options;
  const endpoints = resolveWebhookEndpoints(options.webhooks);
  const byKey = new Map(endpoints.map((e) => [e.key, e]));
  const keys = endpoints.map((e) => e.key);
  const outbox = createOutboxRepository(store.db, store.dialect);
  const instanceId = randomBytes(6).toString('hex');
  let passes = 0;
  let running: Promise<WebhookDeliveryResult> | undefined;
  let again = false;
  let prunedAt = -Infinity;

  const subscribed = (type: WebhookEventType): WebhookEndpoint[] => endpoints.filter((e) => e.events.has(type));

  function messagesFor(events: WebhookEventInput[], at: number): NewOutboxMessage[] {
    const messages: NewOutboxMessage[] = [];
    for (const event of events) {
      const targets = subscribed(event.type);
      if (targets.length === 0) continue;
      const body: WebhookPayload = { type: event.type, timestamp: new Date(at).toISOString(), data: { ...event.data } };
      const payload = JSON.stringify(body);
      // One id per event: an app with two endpoints sees the same webhook-id at both.
      const id = newId('msg');
      for (const endpoint of targets) messages.push({ id, endpoint: endpoint.key, eventType: event.type, payload });
    }
    return messages;
  }

  async function attempt(row: OutboxRow, owner: string): Promise<boolean> {
    const endpoint = byKey.get(row.endpoint)!;
    const attempts = row.attempts + 1;
    const outcome = await sendWebhook(endpoint, row.id, row.payload, now());
    if (outcome.ok) {
      await outbox.markDelivered(row.id, row.endpoint, owner, attempts, now());
      return true;
    }
    const delay = webhookRetryDelayMs(attempts);
    await outbox.markFailed(row.id, row.endpoint, owner, attempts, outcome.error, delay === null ? null : now() + delay);
    const fields = { messageId: row.id, event: row.event_type, endpoint: endpoint.url.origin, attempts, error: outcome.error };
    if (delay === null) logger.error('onbehalf webhook given up after its last retry', fields);
    else logger.warn('onbehalf webhook delivery failed; it will be retried', { ...fields, retryInMs: delay });
    return false;
  }

  /** Claims and sends due messages until none is left. */
  async function pass(): Promise<WebhookDeliveryResult> {
    const result = { delivered: 0, failed: 0 };
    if (keys.length === 0) return result;
    for (;;) {
      const owner = `${instanceId}:${++passes}`;
      const rows = await outbox.claimDue({ endpoints: keys, owner, now: now(), leaseMs: LEASE_MS, limit: BATCH });
      if (rows.length === 0) return result;
      const sent = await Promise.all(rows.map((row) => attempt(row, owner)));
      for (const ok of sent) ok ? result.delivered++ : result.failed++;
    }
  }

  /** One pass at a time per instance; a request for another while one runs is served by one more pass after it. */
  function deliverDue(): Promise<WebhookDeliveryResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const total = { delivered: 0, failed: 0 };
      do {
        again = false;
        const r = await pass();
        total.delivered += r.delivered;
        total.failed += r.failed;
      } while (again);
      if (keys.length > 0 && now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now();
        await outbox.prune(prunedAt - RETAIN_MS);
      }
      return total;
    })().finally(() => (running = undefined));
    return running;
  }

  function soon(): void {
    deliverDue().catch((error: unknown) => logger.error('onbehalf webhook delivery failed', { error: error instanceof Error ? error.name : 'unknown' }));
  }

  return {
    /** True when some endpoint receives `type`. */
    wants: (type: WebhookEventType): boolean => subscribed(type).length > 0,

    /**
     * Runs `write`, then stores the messages for `events(result)` in the same transaction; a write
     * that returns undefined (it lost a race) stores none. Without a subscribed endpoint among
     * `types` it runs `write` alone, outside any transaction. Sending starts after the commit.
     */
    async write<T>(types: WebhookEventType[], write: (tx: OutboxTransaction) => Promise<T | undefined>, events: (result: T) => WebhookEventInput[]): Promise<T | undefined> {
      if (!types.some((type) => subscribed(type).length > 0)) return write({ db: store.db, accounts: options.accounts });
      let stored = 0;
      const result = await store.db.transaction().execute(async (trx) => {
        const written = await write({ db: trx, accounts: createAccountsRepository(trx, store.dialect) });
        if (written === undefined) return undefined;
        const at = now();
        const messages = messagesFor(events(written), at);
        await createOutboxRepository(trx, store.dialect).insert(messages, at);
        stored = messages.length;
        return written;
      });
      if (stored > 0) soon();
      return result;
    },

    /** Sends every message that is due now (first attempts and retries whose backoff is over). */
    deliverDue,

    /** Resolves when the deliveries this instance has in flight are done (ob.close()). */
    async idle(): Promise<void> {
      while (running) await running.catch(() => undefined);
    },
  };
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;
