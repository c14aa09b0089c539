import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { ConnectionService } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { OAuthClient, OAuthClients } from '../oauth/index.ts';
import { grantExpiry, toExtraToken, toOAuthFailure, toTokenSet, withIntrospectedExpiry, withRefreshTokenCapture, type OAuthFailure } from '../oauth/index.ts';
import { fillUrlTemplate, type Provider } from '../providers/index.ts';
import type { Runtime } from '../runtime.ts';
import type { AccountPatch, AccountRow } from '../store/index.ts';
import type { AccountInternals, ExtraToken, StoredCredentials } from '../accounts/index.ts';
import { accountValues, unusableAccountError } from '../accounts/index.ts';
import { mintJwtToken, jwtMintFailure } from '../jwt/index.ts';
import type { WebhookEventInput } from '../webhooks/index.ts';
import { backoffMs } from './backoff.ts';
import { isDue, isExpired, msUntilDue } from './token-due.ts';
import { WRITE_ROOM_SECONDS, type ResolvedRefreshSettings } from './refresh-settings.ts';

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt: Date | null;
  scopes: string[];
}

/**
 * What one claimed refresh came to. `httpStatus` (429, 5xx) and `unreachable` (network, timeout,
 * failed discovery) let the refresher back off per connection.
 */
export type ClaimedRefreshOutcome = { outcome: 'refreshed' | 'not_due' } | { outcome: 'failed'; httpStatus: number | undefined; unreachable: boolean };

export type OAuthStored = Extract<StoredCredentials, { type: 'oauth2' }>;
/** A signed-JWT account: its key and claims, and the token last minted with them. */
export type JwtStored = Extract<StoredCredentials, { type: 'jwt' }>;
/** What carries a token the coordinator keeps fresh: an OAuth grant, or a key it mints tokens with. */
export type TokenStored = OAuthStored | JwtStored;

/** What a jwt account's token is minted with: resolved before the lease, like an OAuth client. */
interface JwtTarget {
  jwt: true;
  provider: Provider;
  connection: { name: string; scopes: string[]; tokenUrl: string | undefined; apiBaseUrl: string };
}

/** A usable token with the credentials it came from (getCredentials needs the refresh and id tokens too). */
export interface FreshToken {
  token: AccessToken;
  stored: TokenStored;
  /** The sealed credentials this token was read from: what a caller that gets a 401 with it passes to forceRefresh. */
  sealed: string | null;
}

/** The outcome of one token call made under the lease. */
interface LeasedResult extends FreshToken {
  row: AccountRow;
  /** Set when the call failed but the account keeps working (an outage). */
  failure?: OAuthFailure | OnBehalfError;
}

const POLL_MS = 40;
/**
 * A lease is retried while it looks at most this close to its end by our clock: the database
 * decides (see dbNowMs), but a process whose clock runs behind must not wait out a lease that the
 * database already considers expired.
 */
const CLOCK_SKEW_ALLOWANCE_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles with `promise`, or with `fallback()` once `ms` have passed (the promise goes on). */
function within<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * Refreshes OAuth tokens so that exactly one refresh happens per expiry across every process:
 * an in-process single flight per account, then a lease on the account row taken with one
 * conditional UPDATE. Everything slow that does not need the lease (discovery, the client
 * secret's decryption) happens before it; the token call is bounded well inside it; the new
 * tokens and the freed lease land in one statement. See DESIGN.md, "Refresh".
 */
export function createRefreshCoordinator(options: {
  runtime: Runtime;
  connections: ConnectionService;
  internals: AccountInternals;
  oauthClients: OAuthClients;
  settings: ResolvedRefreshSettings;
}) {
  const { runtime, connections, internals, oauthClients, settings } = options;
  const inFlight = new Map<string, Promise<FreshToken>>();
  const processId = randomBytes(6).toString('hex');

  function marginOf(provider: Provider): number {
    const seconds = provider.auth.type === 'oauth2' || provider.auth.type === 'jwt' ? provider.auth.refreshMarginSeconds : undefined;
    return seconds === undefined ? settings.marginMs : seconds * 1000;
  }
  const marginMs = async (row: AccountRow): Promise<number> => marginOf(await internals.providerOf(row.connection_name));

  function open(row: AccountRow): TokenStored {
    const stored = internals.openCredentials(row);
    if (!stored) {
      // No credentials: never authorized, or revoked (which deletes them). Say which.
      const account = internals.toAccountLite(row);
      throw unusableAccountError({ ...account, status: account.status === 'ACTIVE' ? 'PENDING' : account.status });
    }
    if (stored.type === 'oauth1') {
      // OAuth 1.0a tokens do not expire and have no refresh; they are used with their secret (signing).
      throw new OnBehalfError('INVALID_INPUT', `The ${row.connection_name} account uses OAuth 1.0a: its token and token secret come from getCredentials(), and nothing about it refreshes.`);
    }
    if (stored.type !== 'oauth2' && stored.type !== 'jwt') throw new OnBehalfError('INVALID_INPUT', `The ${row.connection_name} account does not use OAuth tokens.`);
    return stored;
  }

  function toAccessToken(row: AccountRow, stored: TokenStored): AccessToken {
    return {
      // A jwt account read before its first mint is due (and expired) already, so this is never handed out empty.
      accessToken: stored.accessToken ?? '',
      tokenType: stored.tokenType,
      expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)),
      scopes: JSON.parse(row.scopes) as string[],
    };
  }

  const fresh = (row: AccountRow, stored: TokenStored = open(row)): FreshToken => ({ token: toAccessToken(row, stored), stored, sealed: row.credentials });

  function assertActive(row: AccountRow): void {
    if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
  }

  function refreshFailed(row: AccountRow, message: string, failure?: OAuthFailure): OnBehalfError {
    const httpStatus = failure?.details.httpStatus;
    const kind = failure?.kind;
    return new OnBehalfError('REFRESH_FAILED', message, { retryable: true, details: { accountId: row.id, connection: row.connection_name, ...(httpStatus !== undefined ? { httpStatus } : {}), ...(kind ? { kind } : {}) } });
  }

  /** The webhook event a failure write stores in its own transaction (emitFailure tells this process's listeners after it). */
  const failedEvent = (row: AccountRow, code: string, retryable: boolean): WebhookEventInput => ({
    type: 'token.refresh_failed',
    data: { accountId: row.id, connection: row.connection_name, identifier: row.identifier, alias: row.alias, code, retryable },
  });

  function emitFailure(row: AccountRow, code: string, retryable: boolean): void {
    runtime.events.emit('token.refresh_failed', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, code, retryable });
  }

  const auditFailure = (row: AccountRow, error: string) =>
    runtime.audit.record({ type: 'token.refresh_failed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { error } });

  const release = { lease_owner: null, lease_expires_at: null } satisfies AccountPatch;

  /** Writes under the lease, or, when it was lost, only if nobody changed the row since it was leased. */
  async function writeLeased(row: AccountRow, owner: string, patch: AccountPatch, failed?: WebhookEventInput): Promise<AccountRow | undefined> {
    const now = runtime.now();
    try {
      return await runtime.webhooks.write(
        failed ? [failed.type] : [],
        async (tx) => (await tx.accounts.update(row.id, patch, { leaseOwner: owner }, now)) ?? (await tx.accounts.update(row.id, patch, { version: row.version }, now)),
        () => (failed ? [failed] : []),
      );
    } catch (error) {
      runtime.logger.error('onbehalf could not store the outcome of a token refresh', { accountId: row.id, connection: row.connection_name, error: error instanceof Error ? error.name : 'unknown' });
      throw new OnBehalfError('DATABASE_ERROR', 'The refreshed tokens could not be stored.', { retryable: true, details: { accountId: row.id } });
    }
  }

  /** The OAuth client for a row's connection: discovery and the client secret, before any lease. */
  async function oauthClientFor(row: AccountRow): Promise<OAuthClient | JwtTarget> {
    const jwt = await jwtTargetFor(row);
    if (jwt) return jwt;
    // The common case needs no database read and no decryption: the client for this version of
    // the connection is built already (it holds the secret). Otherwise read and decrypt it.
    // Providers whose token URL holds an account value (a Zendesk subdomain) get one client per value.
    const values = row.account_values === '{}' ? undefined : accountValues(row);
    const known = (await connections.snapshot()).byName.get(row.connection_name);
    const built = known && oauthClients.built(known, connections.providerFor(known), values);
    if (built) return built;
    const { connection, clientSecret } = await connections.resolve(row.connection_name);
    return oauthClients.get({ connection, clientSecret, provider: connections.providerFor(connection), values });
  }

  /** A jwt connection's provider view and URLs; undefined for every other connection. */
  async function jwtTargetFor(row: AccountRow): Promise<JwtTarget | undefined> {
    const connection = (await connections.snapshot()).byName.get(row.connection_name) ?? (await connections.get(row.connection_name));
    const provider = connections.providerFor(connection);
    if (provider.auth.type !== 'jwt') return undefined;
    const values = { ...connection.settings, ...accountValues(row) };
    return {
      jwt: true,
      provider,
      connection: { name: connection.name, scopes: connection.scopes, tokenUrl: connection.endpoints.tokenUrl, apiBaseUrl: fillUrlTemplate(provider, connection.endpoints.apiBaseUrl ?? provider.api.baseUrl, values).replace(/\/+$/, '') },
    };
  }

  /**
   * A jwt account's "refresh": a new assertion signed with its key and exchanged for a token,
   * under the same lease as an OAuth refresh, so a due token is re-minted once across processes.
   * A refused assertion (wrong or revoked key, delegation not granted) puts the account in ERROR:
   * trying again cannot help until someone fixes the key. An outage keeps it ACTIVE and backs off.
   */
  async function mintHoldingLease(row: AccountRow, owner: string, target: JwtTarget, stored: JwtStored): Promise<LeasedResult> {
    const now = runtime.now();
    let minted;
    try {
      minted = await mintJwtToken({
        provider: target.provider,
        values: { ...stored.secrets, ...stored.claims },
        scopes: target.connection.scopes,
        tokenUrl: target.connection.tokenUrl,
        apiBaseUrl: target.connection.apiBaseUrl,
        timeoutMs: settings.tokenRequestTimeoutSeconds * 1000,
        now,
      });
    } catch (error) {
      const failure = error instanceof OnBehalfError ? error : jwtMintFailure({ rejected: false, message: 'Minting the token failed unexpectedly' });
      if (!failure.retryable) {
        const reason = `the signed assertion was refused: ${failure.message}`;
        await internals.transition(row, 'ERROR', reason, release, { leaseOwner: owner }, [failedEvent(row, 'ACCOUNT_ERROR', false)]);
        await auditFailure(row, String(failure.details.kind ?? failure.code));
        emitFailure(row, 'ACCOUNT_ERROR', false);
        throw unusableAccountError({ ...internals.toAccountLite(row), status: 'ERROR', statusReason: reason });
      }
      const failures = row.refresh_failures + 1;
      const written = await writeLeased(row, owner, { ...release, refresh_failures: failures, next_refresh_at: runtime.now() + backoffMs(failures) }, failedEvent(row, 'REFRESH_FAILED', true));
      emitFailure(row, 'REFRESH_FAILED', true);
      if (stored.accessToken !== null && !isExpired(row, runtime.now())) return { ...fresh(written ?? row, stored), row: written ?? row, failure };
      throw new OnBehalfError('REFRESH_FAILED', `${failure.message}; the account stays ACTIVE and a new token will be minted later.`, { retryable: true, details: { accountId: row.id, connection: row.connection_name, ...failure.details } });
    }
    const newStored: JwtStored = { ...stored, accessToken: minted.accessToken, tokenType: minted.tokenType ?? 'Bearer' };
    const sealed = internals.sealCredentials(row.id, newStored);
    const scopes = minted.scopes ?? (JSON.parse(row.scopes) as string[]);
    const written = await writeLeased(row, owner, {
      ...release,
      credentials: sealed.ciphertext,
      credentials_key_id: sealed.keyId,
      expires_at: minted.expiresAt,
      scopes: JSON.stringify(scopes),
      last_refreshed_at: now,
      refresh_failures: 0,
      next_refresh_at: null,
    });
    if (!written) runtime.logger.error('onbehalf: a minted token could not be stored (the account changed meanwhile)', { accountId: row.id, connection: row.connection_name });
    await runtime.audit.record({ type: 'token.refreshed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { expiresAt: minted.expiresAt, method: 'jwt' } });
    runtime.events.emit('token.refreshed', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, expiresAt: minted.expiresAt === null ? null : new Date(minted.expiresAt) });
    const newRow = written ?? { ...row, expires_at: minted.expiresAt, scopes: JSON.stringify(scopes) };
    return { ...fresh(newRow, newStored), row: newRow };
  }

  /** Calls the token endpoint while holding the lease and writes the outcome. */
  async function refreshHoldingLease(row: AccountRow, owner: string, target: OAuthClient | JwtTarget, rejected = false): Promise<LeasedResult> {
    const leasedAt = performance.now();
    const opened = open(row);
    if (opened.type === 'jwt' || 'jwt' in target) {
      if (opened.type !== 'jwt' || !('jwt' in target)) {
        await runtime.accountsRepo.releaseLease(row.id, owner);
        throw new OnBehalfError('CONFIGURATION_ERROR', `The ${row.connection_name} account's credentials do not match its connection's auth method; set them again.`, { details: { accountId: row.id } });
      }
      return mintHoldingLease(row, owner, target, opened);
    }
    const oauth = target;
    const stored = opened;
    if (!stored.refreshToken) {
      if (rejected) {
        // The provider answered 401 to this very token and there is nothing to refresh it with
        // (a GitHub OAuth App token, a Notion token from before refresh tokens): it was revoked
        // or expired there, and sending it again would only be refused again.
        await internals.transition(row, 'EXPIRED', 'the provider refused the access token and there is no refresh token', release, { leaseOwner: owner }, [failedEvent(row, 'ACCOUNT_EXPIRED', false)]);
        emitFailure(row, 'ACCOUNT_EXPIRED', false);
        throw unusableAccountError({ ...internals.toAccountLite(row), status: 'EXPIRED' });
      }
      if (!isExpired(row, runtime.now())) {
        const written = await writeLeased(row, owner, release);
        return { ...fresh(row, stored), row: written ?? row };
      }
      await internals.transition(row, 'EXPIRED', 'the access token expired and there is no refresh token', release, { leaseOwner: owner }, [failedEvent(row, 'ACCOUNT_EXPIRED', false)]);
      emitFailure(row, 'ACCOUNT_EXPIRED', false);
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'EXPIRED' });
    }

    const call = await withRefreshTokenCapture(() => client.refreshTokenGrant(oauth.config, stored.refreshToken!));
    const rotated = call.refreshToken !== undefined && call.refreshToken !== stored.refreshToken ? call.refreshToken : undefined;
    if ('error' in call) {
      const failure = toOAuthFailure(call.error, 'The token refresh', { connection: row.connection_name, identifier: row.identifier, accountId: row.id });
      return handleFailure(row, owner, stored, failure, rotated);
    }

    const now = runtime.now();
    const previous = { refreshToken: stored.refreshToken, scopes: JSON.parse(row.scopes) as string[] };
    // Introspection (for providers that declare it) is bounded by the token call's timeout too,
    // which the lease has room for twice.
    const primary = await withIntrospectedExpiry(oauth, toTokenSet(call.result, now, previous), now);
    // The grant's other tokens (Slack's bot token), each with its own refresh token, in the same
    // lease and the same write: a second refresh elsewhere would spend their refresh tokens too.
    // An answer that carries them itself replaces them instead.
    const extras = primary.stored.extraTokens ? { tokens: primary.stored.extraTokens, failed: false } : await refreshExtraTokens(row, oauth, stored.extraTokens, leasedAt);
    const tokenSet = { ...primary, expiresAt: grantExpiry(primary.expiresAt, extras.tokens) };
    const { extraTokens: _answered, ...answered } = primary.stored;
    const label = answered.label ?? stored.label;
    const newStored: OAuthStored = {
      ...answered,
      idToken: answered.idToken ?? stored.idToken,
      ...(label ? { label } : {}),
      ...(extras.tokens ? { extraTokens: extras.tokens } : {}),
    };
    const sealed = internals.sealCredentials(row.id, newStored);
    const failures = extras.failed ? row.refresh_failures + 1 : 0;
    const written = await writeLeased(row, owner, {
      ...release,
      credentials: sealed.ciphertext,
      credentials_key_id: sealed.keyId,
      expires_at: tokenSet.expiresAt,
      scopes: JSON.stringify(tokenSet.scopes),
      last_refreshed_at: now,
      // An extra token the provider could not refresh now is kept (still valid for a while) and
      // tried again after a backoff, like any outage.
      refresh_failures: failures,
      next_refresh_at: extras.failed ? now + backoffMs(failures) : null,
    });
    if (!written) runtime.logger.error('onbehalf: refreshed tokens could not be stored (the account changed meanwhile)', { accountId: row.id, connection: row.connection_name });
    await runtime.audit.record({ type: 'token.refreshed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { expiresAt: tokenSet.expiresAt } });
    runtime.events.emit('token.refreshed', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, expiresAt: tokenSet.expiresAt === null ? null : new Date(tokenSet.expiresAt) });
    const newRow = written ?? { ...row, expires_at: tokenSet.expiresAt, scopes: JSON.stringify(tokenSet.scopes) };
    return { ...fresh(newRow, newStored), row: newRow };
  }

  /**
   * Refreshes each extra token that has a refresh token, one after the other. The lease has room
   * for two token calls and the write (see refresh settings): the account's own and one more; a
   * further call starts only while one more still fits, otherwise the token is kept and retried
   * after a backoff. A rejected refresh token (invalid_grant) drops that token: the account's own
   * token still works, and a tool that needs the dropped one says so. Any other failure keeps the
   * token, with a refresh token the answer carried.
   */
  async function refreshExtraTokens(row: AccountRow, oauth: OAuthClient, tokens: Record<string, ExtraToken> | undefined, leasedAt: number): Promise<{ tokens: Record<string, ExtraToken> | undefined; failed: boolean }> {
    if (!tokens) return { tokens: undefined, failed: false };
    const result: Record<string, ExtraToken> = {};
    const callRoomMs = (settings.tokenRequestTimeoutSeconds + WRITE_ROOM_SECONDS) * 1000;
    let failed = false;
    for (const [label, token] of Object.entries(tokens)) {
      if (!token.refreshToken) {
        result[label] = token;
        continue;
      }
      if (performance.now() - leasedAt + callRoomMs > settings.leaseMs) {
        failed = true;
        result[label] = token;
        continue;
      }
      const call = await withRefreshTokenCapture(() => client.refreshTokenGrant(oauth.config, token.refreshToken!));
      if (!('error' in call)) {
        result[label] = toExtraToken(call.result, runtime.now(), token) ?? token;
        continue;
      }
      const failure = toOAuthFailure(call.error, `The refresh of the ${label} token`, { connection: row.connection_name, accountId: row.id });
      await auditFailure(row, `${label}: ${failure.oauthError ?? failure.kind}`);
      if (failure.kind === 'invalid_grant') {
        runtime.logger.warn('onbehalf: the provider rejected the refresh token of an extra token; it is dropped', { accountId: row.id, connection: row.connection_name, token: label });
        continue;
      }
      failed = true;
      result[label] = call.refreshToken ? { ...token, refreshToken: call.refreshToken } : token;
    }
    return { tokens: Object.keys(result).length > 0 ? result : undefined, failed };
  }

  async function handleFailure(row: AccountRow, owner: string, stored: OAuthStored, failure: OAuthFailure, rotated: string | undefined): Promise<LeasedResult> {
    if (failure.kind === 'invalid_grant') {
      // Final only when it is really ours: if the stored tokens changed meanwhile (another
      // instance took over a lease we held too long and refreshed), theirs are the ones to use.
      const current = await runtime.accountsRepo.findById(row.id);
      if (current && current.status === 'ACTIVE' && current.credentials !== row.credentials && current.credentials !== null) {
        await runtime.accountsRepo.releaseLease(row.id, owner);
        return { ...fresh(current), row: current };
      }
      const expired = [failedEvent(row, 'ACCOUNT_EXPIRED', false)];
      const moved = await internals.transition(row, 'EXPIRED', 'the provider rejected the refresh token (invalid_grant)', release, { leaseOwner: owner }, expired)
        ?? (current ? await internals.transition(current, 'EXPIRED', 'the provider rejected the refresh token (invalid_grant)', release, { version: current.version }, expired) : undefined);
      if (moved) {
        await auditFailure(row, 'invalid_grant');
        emitFailure(row, 'ACCOUNT_EXPIRED', false);
      }
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'EXPIRED', statusReason: 'invalid_grant' });
    }
    if (failure.kind === 'invalid_client') {
      // The provider's description can say why (Microsoft's expired client secret): that is what
      // the operator must fix, for every account of the connection at once.
      const reason = `the provider rejected the app's client credentials (${failure.oauthError})${failure.description ? `: ${failure.description}` : ''}`;
      await internals.transition(row, 'ERROR', reason, release, { leaseOwner: owner }, [failedEvent(row, 'ACCOUNT_ERROR', false)]);
      await auditFailure(row, failure.oauthError ?? failure.kind);
      emitFailure(row, 'ACCOUNT_ERROR', false);
      throw unusableAccountError({ ...internals.toAccountLite(row), status: 'ERROR', statusReason: reason });
    }
    // An outage: the provider was unreachable, timed out, failed (5xx, 429) or sent an answer we
    // cannot use. None of it says the grant is bad, so the account stays ACTIVE, backs off, and
    // the token we have is handed out while it is valid. A refresh token found in the answer is
    // kept: the provider has rotated, and the old one is spent.
    const failures = row.refresh_failures + 1;
    const keep = rotated ? internals.sealCredentials(row.id, { ...stored, refreshToken: rotated }) : undefined;
    const written = await writeLeased(row, owner, {
      ...release,
      refresh_failures: failures,
      next_refresh_at: runtime.now() + backoffMs(failures),
      ...(keep ? { credentials: keep.ciphertext, credentials_key_id: keep.keyId } : {}),
    }, failedEvent(row, 'REFRESH_FAILED', true));
    if (failure.kind === 'invalid_response' || failure.kind === 'other') await auditFailure(row, failure.kind);
    emitFailure(row, 'REFRESH_FAILED', true);
    if (!isExpired(row, runtime.now())) return { ...fresh(written ?? row, keep ? { ...stored, refreshToken: rotated! } : stored), row: written ?? row, failure };
    throw refreshFailed(row, `${failure.message}; the account stays ACTIVE and the refresh will be retried.`, failure);
  }

  function claimedFailure(error: unknown): ClaimedRefreshOutcome {
    const details = (error as { details?: { httpStatus?: unknown; kind?: unknown } }).details ?? {};
    const httpStatus = typeof details.httpStatus === 'number' ? details.httpStatus : undefined;
    return { outcome: 'failed', httpStatus, unreachable: details.kind === 'network' };
  }

  /** Records a backoff when the refresh could not even start (discovery failed) and no lease is held. */
  async function backOffWithoutLease(row: AccountRow, error: unknown): Promise<FreshToken> {
    const failure = toOAuthFailure(error, 'Preparing the token refresh', { connection: row.connection_name, accountId: row.id });
    if (!failure.retryable && failure.kind !== 'other') throw failure;
    const failures = row.refresh_failures + 1;
    const failed = failedEvent(row, 'REFRESH_FAILED', true);
    await runtime.webhooks.write([failed.type], (tx) => tx.accounts.update(row.id, { refresh_failures: failures, next_refresh_at: runtime.now() + backoffMs(failures) }, { version: row.version }, runtime.now()), () => [failed]);
    emitFailure(row, 'REFRESH_FAILED', true);
    if (!isExpired(row, runtime.now())) return fresh(row);
    throw refreshFailed(row, `${failure.message}; the account stays ACTIVE and the refresh will be retried.`);
  }

  /**
   * The refresh protocol. With `seenCredentials` it refreshes even a token that is not due (after
   * a 401, or ahead of time), unless the stored credentials already differ from the ones the
   * caller saw: then someone else refreshed and their token is returned.
   */
  async function refreshProtocol(accountId: string, seenCredentials: string | null | undefined, rejected: boolean): Promise<FreshToken> {
    const force = seenCredentials !== undefined;
    const deadline = runtime.now() + settings.waitMs;
    let row = await internals.findRow({ id: accountId });
    const margin = await marginMs(row);
    let oauth: OAuthClient | JwtTarget | undefined;
    for (;;) {
      assertActive(row);
      const now = runtime.now();
      const leaseFree = row.lease_owner === null || Number(row.lease_expires_at) - CLOCK_SKEW_ALLOWANCE_MS <= now;
      if (!force && !isDue(row, margin, now)) return fresh(row);
      if (force && row.credentials !== seenCredentials && row.lease_owner === null && !isExpired(row, now)) return fresh(row);
      if (row.next_refresh_at !== null && Number(row.next_refresh_at) > now && row.lease_owner === null) {
        // Backing off after an outage: no new token request yet.
        if (!isExpired(row, now)) return fresh(row);
        throw refreshFailed(row, 'The provider could not refresh this token recently; retrying later.');
      }
      if (leaseFree) {
        try {
          oauth ??= await oauthClientFor(row);
        } catch (error) {
          return backOffWithoutLease(row, error);
        }
        const owner = `${processId}:${randomBytes(4).toString('hex')}`;
        const leased = await runtime.accountsRepo.tryAcquireLease(row.id, owner, row.version, runtime.now(), settings.leaseMs);
        if (leased) return refreshHoldingLease(leased, owner, oauth, rejected && leased.credentials === seenCredentials);
      } else if (!force && !isExpired(row, now)) {
        // Another process is refreshing and the token we have is still valid: no need to wait.
        return fresh(row);
      }
      if (runtime.now() > deadline) {
        // Not a credential failure: the account stays as it is.
        throw new OnBehalfError('REFRESH_TIMEOUT', 'Timed out waiting for another process to refresh this token.', { retryable: true, details: { accountId } });
      }
      await sleep(POLL_MS);
      row = await internals.findRow({ id: accountId });
    }
  }

  function singleFlight(accountId: string, seenCredentials?: string | null, rejected = false): Promise<FreshToken> {
    const key = seenCredentials === undefined ? `${accountId}:due` : `${accountId}:${rejected ? 'rejected' : 'seen'}:${seenCredentials}`;
    let promise = inFlight.get(key);
    if (!promise) {
      promise = refreshProtocol(accountId, seenCredentials, rejected).finally(() => inFlight.delete(key));
      // A reader may stop waiting for a refresh (see readFresh); its failure is already an event.
      promise.catch(() => undefined);
      inFlight.set(key, promise);
    }
    return promise;
  }

  /**
   * A valid access token, refreshed first when it is due, with the credentials it came from. A
   * reader of a token that is due but still valid waits at most `dueReadWaitSeconds` for the
   * refresh, then gets the valid token. `stored`: the row's credentials, when already decrypted.
   */
  function getFresh(row: AccountRow, stored?: TokenStored): Promise<FreshToken> {
    try {
      return readFresh(row, stored ?? open(row));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function readFresh(row: AccountRow, stored: TokenStored): Promise<FreshToken> {
    assertActive(row);
    // The token read path: no await unless the provider is not cached or the token is due.
    const provider = internals.cachedProviderOf(row.connection_name);
    if (!provider) return internals.providerOf(row.connection_name).then(() => getFresh(row, stored));
    const now = runtime.now();
    if (!isDue(row, marginOf(provider), now)) return Promise.resolve(fresh(row, stored));
    // Nothing to refresh with: the token serves until it expires (then the account is EXPIRED).
    if (stored.type === 'oauth2' && !stored.refreshToken && !isExpired(row, now)) return Promise.resolve(fresh(row, stored));
    const refresh = singleFlight(row.id);
    if (isExpired(row, now)) return refresh;
    const validFor = Number(row.expires_at) - now;
    return within(refresh, Math.min(settings.dueReadWaitMs, validFor), () => fresh(row, stored));
  }

  return {
    getFresh,
    getAccessToken: (row: AccountRow, stored?: TokenStored): Promise<AccessToken> => getFresh(row, stored).then((f) => f.token),
    /** How long, from now, the token in `row` may be handed out without a refresh (for caches). */
    async freshForMs(row: AccountRow): Promise<number> {
      return msUntilDue(row, await marginMs(row), runtime.now());
    },
    /**
     * Refreshes now, unless another caller already replaced the credentials the caller saw
     * (`seenCredentials`, by default those in `row`): then their fresh token is returned.
     * `rejected`: the provider answered 401 to the token in `seenCredentials`, so when there is
     * no refresh token the account is EXPIRED instead of handing the same token out again.
     */
    async forceRefresh(row: AccountRow, seenCredentials: string | null = row.credentials, options: { rejected?: boolean } = {}): Promise<FreshToken> {
      assertActive(row);
      open(row);
      return singleFlight(row.id, seenCredentials, options.rejected === true);
    },
    /**
     * For the proactive refresher: `row` was claimed with `owner`'s lease (accountsRepo.claimDue).
     * Refreshes it if it is due within `aheadMs` and frees the lease either way.
     */
    async refreshClaimed(row: AccountRow, owner: string, aheadMs: number): Promise<ClaimedRefreshOutcome> {
      if (row.status !== 'ACTIVE' || row.credentials === null || !isDue(row, aheadMs, runtime.now())) {
        await runtime.accountsRepo.releaseLease(row.id, owner);
        return { outcome: 'not_due' };
      }
      let oauth: OAuthClient | JwtTarget;
      try {
        oauth = await oauthClientFor(row);
      } catch {
        await runtime.accountsRepo.releaseLease(row.id, owner);
        return { outcome: 'failed', httpStatus: undefined, unreachable: true };
      }
      try {
        const { failure } = await refreshHoldingLease(row, owner, oauth);
        return failure ? claimedFailure(failure) : { outcome: 'refreshed' };
      } catch (error) {
        return claimedFailure(error);
      }
    },
  };
}

export type RefreshCoordinator = ReturnType<typeof createRefreshCoordinator>;
