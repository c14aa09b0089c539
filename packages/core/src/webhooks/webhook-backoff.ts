/**
 * When a failed message is tried again, by the number of attempts made so far: the schedule the
 * Standard Webhooks specification suggests (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), about a
 * day in all. null after the last one: the message is given up.
 */
const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

export const MAX_WEBHOOK_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export function webhookRetryDelayMs(attempts: number): number | null {
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}
