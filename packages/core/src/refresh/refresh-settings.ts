import { OnBehalfError } from '../errors.ts';

export interface RefreshSettings {
  /**
   * Seconds before expiry at which a token is refreshed on read. Default 300; a provider may
   * override it. Never more than half the token's own lifetime, so a 60-second token is refreshed
   * once per lifetime instead of on every read.
   */
  marginSeconds?: number;
  /** Bound on one call to the token endpoint. Default 10 s. */
  tokenRequestTimeoutSeconds?: number;
  /**
   * How long one process may hold an account's refresh lease. Default 30 s; it must cover the
   * token call with room to write the result (at least twice the token timeout plus 5 s), or a
   * second process could take over and spend the same rotating refresh token.
   */
  leaseSeconds?: number;
  /** How long a reader of an expired token waits for another process's refresh before REFRESH_TIMEOUT. Default 30 s. */
  waitSeconds?: number;
  /**
   * How long a reader of a token that is due but still valid waits for its refresh before it is
   * handed the still-valid token (the refresh goes on). Default 2 s: a stalled provider must not
   * stall every read.
   */
  dueReadWaitSeconds?: number;
}

export interface ResolvedRefreshSettings {
  marginMs: number;
  tokenRequestTimeoutSeconds: number;
  leaseMs: number;
  waitMs: number;
  dueReadWaitMs: number;
}

/** Room the lease keeps after the token call for the database write that frees it. */
export const WRITE_ROOM_SECONDS = 5;

function seconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `refresh.${name} must be a non-negative number of seconds.`);
  }
  return value;
}

/** Defaults applied and the settings checked once, at createOnBehalf. */
export function resolveRefreshSettings(settings: RefreshSettings = {}): ResolvedRefreshSettings {
  const tokenRequestTimeoutSeconds = seconds('tokenRequestTimeoutSeconds', settings.tokenRequestTimeoutSeconds, 10);
  const leaseSeconds = seconds('leaseSeconds', settings.leaseSeconds, 30);
  if (tokenRequestTimeoutSeconds <= 0) throw new OnBehalfError('CONFIGURATION_ERROR', 'refresh.tokenRequestTimeoutSeconds must be positive.');
  if (leaseSeconds < 2 * tokenRequestTimeoutSeconds + WRITE_ROOM_SECONDS) {
    throw new OnBehalfError(
      'CONFIGURATION_ERROR',
      `refresh.leaseSeconds (${leaseSeconds}) must be at least twice refresh.tokenRequestTimeoutSeconds (${tokenRequestTimeoutSeconds}) plus ${WRITE_ROOM_SECONDS}: `
        + 'a lease that ends before its token call would let a second process spend the same refresh token.',
    );
  }
  return {
    marginMs: seconds('marginSeconds', settings.marginSeconds, 300) * 1000,
    tokenRequestTimeoutSeconds,
    leaseMs: leaseSeconds * 1000,
    waitMs: seconds('waitSeconds', settings.waitSeconds, 30) * 1000,
    dueReadWaitMs: seconds('dueReadWaitSeconds', settings.dueReadWaitSeconds, 2) * 1000,
  };
}
