/**
 * Exponential backoff after provider failures: 1 s, 2 s, 4 s … capped at 5 minutes, with jitter
 * so that instances do not retry in step. Used per account (after a failed refresh) and per
 * connection (the proactive refresher's pause).
 */
export function backoffMs(failures: number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(failures - 1, 9));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
