import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { ConnectionService } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { OAuthClients } from '../oauth/index.ts';
import { toOAuthFailure, type OAuthFailure } from '../oauth/index.ts';
import { toTokenSet } from '../oauth/index.ts';
import type { Runtime } from '../runtime.ts';
import type { AccountRow } from '../store/index.ts';
import type { AccountInternals } from '../accounts/index.ts';
import { unusableAccountError } from '../accounts/index.ts';
import type { StoredCredentials } from '../accounts/index.ts';

export interface RefreshSettings {
  /** Seconds before expiry at which a token is refreshed on read. Default 300; a provider may override. */
  marginSeconds?: number;
  /** How long one process may hold the refresh lease. Default 30 s (longer than the 20 s token request timeout). */
  leaseSeconds?: number;
  /** How long a reader waits for another process's refresh before REFRESH_TIMEOUT. Default 30 s. */
  waitSeconds?: number;
}

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt: Date | null;
  scopes: string[];
}

/** What one claimed refresh came to; `httpStatus` lets the refresher back off per connection on 429/5xx. */
export type ClaimedRefreshOutcome = { outcome: 'refreshed' | 'not_due' } | { outcome: 'failed'; httpStatus: number | undefined };

type OAuthStored = Extract<StoredCredentials, { type: 'oauth2' }>;

const POLL_MS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff after provider outages: 1 s, 2 s, 4 s … capped at 5 minutes, with jitter. */
function backoffMs(failures: number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(failures - 1, 9));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * Refreshes OAuth tokens so that exactly one refresh happens per expiry across every process:
 * an in-process single flight per account, then a lease on the account row taken with one
 * conditional UPDATE. The winner re-reads the row, calls the token endpoint, and writes the new
 * tokens in the same update that frees the lease; everyone else waits for the row to change.
 */
export function createRefreshCoordinator(options: {
  runtime: Runtime;
  connections: ConnectionService;
  internals: AccountInternals;
  oauthClients: OAuthClients;
  settings?: RefreshSettings;
}) {
  const { runtime, connections, internals, oauthClients } = options;
  const leaseMs = (options.settings?.leaseSeconds ?? 30) * 1000;
  const waitMs = (options.settings?.waitSeconds ?? 30) * 1000;
  const defaultMarginMs = (options.settings?.marginSeconds ?? 300) * 1000;
  const inFlight = new Map<string, Promise<AccessToken>>();
  const processId = randomBytes(6).toString('hex');

  async function marginMs(row: AccountRow): Promise<number> {
    const provider = await internals.providerOf(row.connection_name);
    const seconds = provider.auth.type === 'oauth2' ? provider.auth.refreshMarginSeconds : undefined;
    return seconds === undefined ? defaultMarginMs : seconds * 1000;
  }

  function open(row: AccountRow): OAuthStored {
    const stored = internals.openCredentials(row);
    if (!stored) throw unusableAccountError({ ...internals.toAccountLite(row), status: 'PENDING' });
    if (stored.type !== 'oauth2') throw new OnBehalfError('INVALID_INPUT', `The ${row.connection_name} account does not use OAuth tokens.`);
    return stored;
  }

  function toAccessToken(row: AccountRow, stored: OAuthStored): AccessToken {
    return {
      accessToken: stored.accessToken,
      tokenType: stored.tokenType,
      expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
      scopes: JSON.parse(row.scopes) as string[],
    };
  }

  const isDue = (row: AccountRow, margin: number) => row.expires_at !== null && Number(row.expires_at) - margin <= runtime.now();
  const isExpired = (row: AccountRow) => row.expires_at !== null && Number(row.expires_at) <= runtime.now();

  function assertActive(row: AccountRow): void {
    if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
  }

  function refreshFailed(row: AccountRow, message: string, retryable = true): OnBehalfError {
    return new OnBehalfError('REFRESH_FAILED', message, { retryable, details: { accountId: row.id, connection: row.connection_name } });
  }

  function emitFailure(row: AccountRow, code: string, retryable: boolean): void {
    runtime.events.emit('token.refresh_failed', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, code, retryable });
  }

  /** Calls the token endpoint while holding the lease and writes the outcome. */
  async function refreshHoldingLease(row: AccountRow, owner: string): Promise<AccessToken> {
    const stored = open(row);
    const account = { connection: row.connection_name, identifier: row.identifier, accountId: row.id };
    if (!stored.refreshToken) {
      if (!isExpired(row)) {
        await runtime.accountsRepo.update(row.id, { lease_owner: null, lease_expires_at: null }, { leaseOwner: owner });
        return toAccessToken(row, stored);
      }
      await internals.transition(row, 'EXPIRED', 'the access token expired and there is no refresh token', { lease_owner: null, lease_expires_at: null }, { leaseOwner: owner });
      emitFailure(row, 'ACCOUNT_EXPIRED', false);
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'EXPIRED' });
    }

    let response;
    try {
      const { connection, clientSecret } = await connections.resolve(row.connection_name);
      const provider = connections.providerFor(connection);
      const oauth = await oauthClients.get({ connection, clientSecret, provider });
      response = await client.refreshTokenGrant(oauth.config, stored.refreshToken);
    } catch (error) {
      const failure: OAuthFailure = toOAuthFailure(error, 'The token refresh', account);
      return handleFailure(row, owner, stored, failure);
    }

    const now = runtime.now();
    const tokenSet = toTokenSet(response, now, { refreshToken: stored.refreshToken, scopes: JSON.parse(row.scopes) as string[] });
    const sealed = internals.sealCredentials(row.id, { ...tokenSet.stored, idToken: tokenSet.stored.idToken ?? stored.idToken });
    const patch = {
      credentials: sealed.ciphertext,
      credentials_key_id: sealed.keyId,
      expires_at: tokenSet.expiresAt,
      scopes: JSON.stringify(tokenSet.scopes),
      last_refreshed_at: now,
      refresh_failures: 0,
      next_refresh_at: null,
      lease_owner: null,
      lease_expires_at: null,
    };
    // The new tokens and the freed lease land in one statement. If the lease was lost (we were
    // slower than its TTL) the tokens are still written when nobody else changed the row: with
    // rotating refresh tokens, dropping them would kill the grant.
    const written = (await runtime.accountsRepo.update(row.id, patch, { leaseOwner: owner }, now))
      || (await runtime.accountsRepo.update(row.id, patch, { version: row.version }, now));
    if (!written) runtime.logger.error('onbehalf: refreshed tokens could not be stored (the account changed meanwhile)', account);
    const fresh = (await runtime.accountsRepo.findById(row.id)) ?? row;
    await runtime.audit.record({ type: 'token.refreshed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { expiresAt: tokenSet.expiresAt } });
    runtime.events.emit('token.refreshed', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, expiresAt: tokenSet.expiresAt === null ? null : new Date(tokenSet.expiresAt) });
    return toAccessToken(fresh, tokenSet.stored);
  }

  async function handleFailure(row: AccountRow, owner: string, stored: OAuthStored, failure: OAuthFailure): Promise<AccessToken> {
    const release = { lease_owner: null, lease_expires_at: null };
    if (failure.kind === 'invalid_grant') {
      await internals.transition(row, 'EXPIRED', 'the provider rejected the refresh token (invalid_grant)', release, { leaseOwner: owner });
      await runtime.audit.record({ type: 'token.refresh_failed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { error: 'invalid_grant' } });
      emitFailure(row, 'ACCOUNT_EXPIRED', false);
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'EXPIRED', statusReason: 'invalid_grant' });
    }
    if (failure.kind === 'invalid_client' || failure.kind === 'invalid_response') {
      const reason = failure.kind === 'invalid_client' ? `the provider rejected the app's client credentials (${failure.oauthError})` : 'the provider sent an invalid token response';
      await internals.transition(row, 'ERROR', reason, release, { leaseOwner: owner });
      await runtime.audit.record({ type: 'token.refresh_failed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { error: failure.oauthError ?? failure.kind } });
      emitFailure(row, 'ACCOUNT_ERROR', false);
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'ERROR', statusReason: reason });
    }
    // An outage (network, 5xx, anything else transient): stay ACTIVE, back off, and hand out the
    // token we have while it is still valid.
    const failures = row.refresh_failures + 1;
    await runtime.accountsRepo.update(row.id, { ...release, refresh_failures: failures, next_refresh_at: runtime.now() + backoffMs(failures) }, { leaseOwner: owner });
    emitFailure(row, 'REFRESH_FAILED', true);
    if (!isExpired(row)) return toAccessToken(row, stored);
    throw refreshFailed(row, `${failure.message}; the account stays ACTIVE and the refresh will be retried.`);
  }

  /**
   * The refresh protocol. With `seenCredentials` it refreshes even a token that is not due (after
   * a 401, or ahead of time), unless the stored credentials already differ from the ones the
   * caller saw: then someone else refreshed and their token is returned.
   */
  async function refreshProtocol(accountId: string, seenCredentials: string | null | undefined): Promise<AccessToken> {
    const force = seenCredentials !== undefined;
    const deadline = runtime.now() + waitMs;
    let row = await internals.findRow({ id: accountId });
    const margin = await marginMs(row);
    for (;;) {
      assertActive(row);
      if (!force && !isDue(row, margin)) return toAccessToken(row, open(row));
      if (force && row.credentials !== seenCredentials && row.lease_owner === null && !isDue(row, 0)) return toAccessToken(row, open(row));
      if (row.next_refresh_at !== null && Number(row.next_refresh_at) > runtime.now() && row.lease_owner === null) {
        // Backing off after an outage: no new token request yet.
        if (!isExpired(row)) return toAccessToken(row, open(row));
        throw refreshFailed(row, 'The provider could not refresh this token recently; retrying later.');
      }
      const owner = `${processId}:${randomBytes(4).toString('hex')}`;
      if (await runtime.accountsRepo.tryAcquireLease(row.id, owner, row.version, runtime.now(), leaseMs)) {
        const leased = await internals.findRow({ id: accountId });
        return refreshHoldingLease(leased, owner);
      }
      if (runtime.now() > deadline) {
        // Not a credential failure: the account stays as it is.
        throw new OnBehalfError('REFRESH_TIMEOUT', 'Timed out waiting for another process to refresh this token.', { retryable: true, details: { accountId } });
      }
      await sleep(POLL_MS);
      row = await internals.findRow({ id: accountId });
    }
  }

  function singleFlight(accountId: string, seenCredentials?: string | null): Promise<AccessToken> {
    const key = seenCredentials === undefined ? `${accountId}:due` : `${accountId}:seen:${seenCredentials}`;
    let promise = inFlight.get(key);
    if (!promise) {
      promise = refreshProtocol(accountId, seenCredentials).finally(() => inFlight.delete(key));
      inFlight.set(key, promise);
    }
    return promise;
  }

  return {
    /** A valid access token, refreshed first when it is within the margin of expiry. */
    async getAccessToken(row: AccountRow): Promise<AccessToken> {
      assertActive(row);
      const stored = open(row);
      if (!isDue(row, await marginMs(row))) return toAccessToken(row, stored);
      return singleFlight(row.id);
    },
    /**
     * Refreshes now, unless another caller already replaced the credentials the caller saw
     * (`seenCredentials`, by default those in `row`): then their fresh token is returned.
     */
    forceRefresh(row: AccountRow, seenCredentials: string | null = row.credentials): Promise<AccessToken> {
      assertActive(row);
      open(row);
      return singleFlight(row.id, seenCredentials);
    },
    /**
     * For the proactive refresher: `row` was claimed with `owner`'s lease (accountsRepo.claimDue).
     * Refreshes it if it is due within `aheadMs` and frees the lease either way.
     */
    async refreshClaimed(row: AccountRow, owner: string, aheadMs: number): Promise<ClaimedRefreshOutcome> {
      if (row.status !== 'ACTIVE' || row.expires_at === null || Number(row.expires_at) - aheadMs > runtime.now()) {
        await runtime.accountsRepo.releaseLease(row.id, owner);
        return { outcome: 'not_due' };
      }
      try {
        await refreshHoldingLease(row, owner);
        return { outcome: 'refreshed' };
      } catch (error) {
        const details = (error as { details?: { httpStatus?: unknown } }).details;
        return { outcome: 'failed', httpStatus: typeof details?.httpStatus === 'number' ? details.httpStatus : undefined };
      }
    },
  };
}

export type RefreshCoordinator = ReturnType<typeof createRefreshCoordinator>;
