import type { AccountRow } from '../store/index.ts';

/**
 * A token is due for refresh when it is within `min(margin, half its lifetime)` of expiry. The
 * margin alone would make every token that lives shorter than it (a 60-second token against the
 * default 300 s) due from birth: every read would refresh, and four processes reading one expired
 * token would refresh four times. Half the lifetime keeps one refresh per lifetime and still leaves
 * the refresh half the token's life to complete.
 */
export const LIFETIME_FRACTION = 0.5;

/** When the stored token was issued: its last refresh, or the consent that produced it. */
function issuedAt(row: AccountRow): number | null {
  const times = [row.last_refreshed_at, row.authorized_at].filter((t) => t !== null).map(Number);
  return times.length === 0 ? null : Math.max(...times);
}

/** The margin that applies to this row's token: `margin`, capped at a fraction of its lifetime. */
export function effectiveMarginMs(row: AccountRow, marginMs: number): number {
  if (row.expires_at === null) return 0;
  const issued = issuedAt(row);
  const lifetime = issued === null ? Infinity : Number(row.expires_at) - issued;
  return lifetime > 0 ? Math.min(marginMs, lifetime * LIFETIME_FRACTION) : marginMs;
}

/** Milliseconds until the token becomes due (negative once it is; Infinity without an expiry). */
export function msUntilDue(row: AccountRow, marginMs: number, now: number): number {
  return row.expires_at === null ? Infinity : Number(row.expires_at) - effectiveMarginMs(row, marginMs) - now;
}

export const isDue = (row: AccountRow, marginMs: number, now: number): boolean => msUntilDue(row, marginMs, now) <= 0;

export const isExpired = (row: AccountRow, now: number): boolean => row.expires_at !== null && Number(row.expires_at) <= now;
