import * as client from 'openid-client';
import type { ConnectionService } from '../connections/index.ts';
import type { OAuthClients } from '../oauth/index.ts';
import { resolveApiBaseUrl } from '../api-client/index.ts';
import { toOAuthFailure } from '../oauth/index.ts';
import { revokeOAuth1Token } from '../oauth1/index.ts';
import type { Runtime } from '../runtime.ts';
import {
  accountSettingsPatch,
  accountValues,
  createAccountUsage,
  toCredentials,
  unusableAccountError,
  type AccountHealth,
  type AccountInternals,
  type AccountSettingsInput,
  type AccountUsageSummary,
  type AccountList,
  type AccountRef,
  type AccountService,
  type ConnectedAccount,
  type Credentials,
  type GetOrCreateOptions,
  type ListAccountsOptions,
} from '../accounts/index.ts';
import type { AuthorizationLink, AuthorizationLinkOptions, AuthorizationLinks } from '../links/index.ts';
import type { AccessToken, RefreshCoordinator, TokenCache } from '../refresh/index.ts';
import { runBulk, type BulkResult } from './bulk-operations.ts';
import { createUnconnectedExplainer } from './explain-unconnected.ts';

/** `ob.accounts`: connected accounts, their credentials and their lifecycle. */
export interface AccountsApi {
  /** The account of `(connection, identifier)`, created PENDING when there is none. */
  getOrCreate(options: GetOrCreateOptions): Promise<ConnectedAccount>;
  /** Throws ACCOUNT_NOT_FOUND. */
  get(ref: AccountRef): Promise<ConnectedAccount>;
  /** Newest first, `limit` per page (default 50), `nextCursor` for the next one. */
  list(options?: ListAccountsOptions): Promise<AccountList>;
  /** Deletes the account with its credentials, links and OAuth transactions. */
  delete(ref: AccountRef): Promise<void>;
  /** Merges into the account's metadata (a `null` value removes a key). */
  updateMetadata(ref: AccountRef, metadata: Record<string, unknown>): Promise<ConnectedAccount>;
  /** Credentials are kept but never handed out until `resume()`. */
  suspend(ref: AccountRef, options?: { reason?: string }): Promise<ConnectedAccount>;
  /** Back to the status the account had before `suspend()`. */
  resume(ref: AccountRef): Promise<ConnectedAccount>;
  /** Stores API-key / basic / bearer credentials (validated against the provider's fields) and activates the account. */
  setCredentials(options: GetOrCreateOptions & { credentials: Record<string, unknown> }): Promise<ConnectedAccount>;
  /** Credentials of any kind; OAuth tokens are refreshed first when due. */
  getCredentials(ref: AccountRef): Promise<Credentials>;
  /** A one-time link that takes the person through consent (or the hosted credential form). */
  authorizationLink(options: AuthorizationLinkOptions): Promise<AuthorizationLink>;
  /** A valid access token for an OAuth account, refreshed first when it is close to expiry. */
  getAccessToken(ref: AccountRef): Promise<AccessToken>;
  /** Refreshes the access token now (unless another caller just did). */
  refresh(ref: AccountRef): Promise<AccessToken>;
  /** Revokes at the provider when it can, deletes the tokens, sets REVOKED. */
  revoke(ref: AccountRef): Promise<ConnectedAccount & { revokedAtProvider: boolean }>;
  /** getOrCreate for each item (at most 1000): one result per item, in order; a bad item fails alone. */
  createMany(items: GetOrCreateOptions[]): Promise<BulkResult[]>;
  /** refresh for each account (at most 1000): the refreshed account per item, or why it could not be refreshed. */
  refreshMany(refs: AccountRef[]): Promise<BulkResult[]>;
  /**
   * Changes the account's settings: `autoRefresh: false` leaves it out of the proactive refresher;
   * `requestTimeoutMs` and `maxRetries` bound its provider API calls. A key left out keeps its
   * value, `null` restores the default.
   */
  updateSettings(ref: AccountRef, settings: AccountSettingsInput): Promise<ConnectedAccount>;
  /** Status, token expiry, refresh history and the provider API error rate of the last 24 hours. */
  health(ref: AccountRef): Promise<AccountHealth>;
  /** Tool executions, provider API requests, error rate and most used tools in [from, to) (default: the last 30 days). */
  usage(ref: AccountRef, range?: { from?: Date; to?: Date }): Promise<AccountUsageSummary>;
}

/**
 * `ob.accounts`: the account service plus what needs OAuth — links, fresh tokens, refresh and
 * revocation.
 */
export function createAccountsApi(options: {
  runtime: Runtime;
  service: AccountService;
  internals: AccountInternals;
  connections: ConnectionService;
  links: AuthorizationLinks;
  refresher: RefreshCoordinator;
  oauthClients: OAuthClients;
  /** The opt-in in-process token cache (`createOnBehalf({ cache })`). */
  cache?: TokenCache;
}): AccountsApi {
  const { runtime, service, internals, connections, links, refresher, oauthClients, cache } = options;

  /** A valid access token for an OAuth account, refreshed first when it is close to expiry. */
  async function readAccessToken(ref: AccountRef): Promise<AccessToken> {
    if (!cache) return refresher.getAccessToken(await internals.findRow(ref));
    const cached = cache.get(ref);
    if (cached) return cached;
    const generation = cache.generation();
    const row = await internals.findRow(ref);
    const token = await refresher.getAccessToken(row);
    // A token this read just refreshed is cached by the next read, which sees its row.
    const unchanged = (token.expiresAt?.getTime() ?? null) === (row.expires_at === null ? null : Number(row.expires_at));
    if (unchanged) cache.set({ id: row.id, connection: row.connection_name, identifier: row.identifier, alias: row.alias }, token, await refresher.freshForMs(row), generation);
    return token;
  }

  /** Credentials of any kind, from one row read; OAuth tokens are refreshed first when due. */
  async function readCredentials(ref: AccountRef): Promise<Credentials> {
    const row = await internals.findRow(ref);
    if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
    const stored = internals.openCredentials(row);
    if (!stored) throw unusableAccountError({ ...internals.toAccountLite(row), status: 'PENDING' });
    if (stored.type !== 'oauth2' && stored.type !== 'jwt') {
      return toCredentials(stored, { expiresAt: row.expires_at === null ? null : new Date(Number(row.expires_at)), scopes: JSON.parse(row.scopes) as string[] });
    }
    const { token, stored: latest } = await refresher.getFresh(row, stored);
    return toCredentials({ ...latest, accessToken: token.accessToken, tokenType: token.tokenType }, { expiresAt: token.expiresAt, scopes: token.scopes });
  }

  /** Missing accounts and connections explained, on the error path only. */
  const explainUnconnected = createUnconnectedExplainer(runtime, connections, links);

  async function revokeAtProvider(row: Awaited<ReturnType<AccountInternals['findRow']>>): Promise<boolean> {
    const stored = internals.openCredentials(row);
    if (stored?.type === 'jwt') {
      // The key is the app's: nothing revokes it here. Only the token minted with it can go.
      const connection = await connections.get(row.connection_name);
      const provider = connections.providerFor(connection);
      if (provider.auth.type !== 'jwt' || !provider.auth.revoke || !stored.accessToken || row.expires_at === null || Number(row.expires_at) <= runtime.now()) return false;
      const timeoutMs = oauthClients.tokenRequestTimeoutSeconds * 1000;
      return provider.auth.revoke({
        accessToken: stored.accessToken,
        apiBaseUrl: resolveApiBaseUrl(provider, connection.endpoints, { ...connection.settings, ...accountValues(row), ...stored.claims }),
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      });
    }
    if (stored?.type === 'oauth1') {
      const { connection, clientSecret } = await connections.resolve(row.connection_name);
      const provider = connections.providerFor(connection);
      return revokeOAuth1Token({
        provider,
        connection,
        clientSecret,
        token: { key: stored.token, secret: stored.tokenSecret },
        apiBaseUrl: resolveApiBaseUrl(provider, connection.endpoints, { ...connection.settings, ...accountValues(row) }),
        timeoutMs: oauthClients.tokenRequestTimeoutSeconds * 1000,
      });
    }
    if (!stored || stored.type !== 'oauth2') return false;
    const { connection, clientSecret } = await connections.resolve(row.connection_name);
    const provider = connections.providerFor(connection);
    const values = accountValues(row);
    const oauth = await oauthClients.get({ connection, clientSecret, provider, values });
    if (provider.auth.type === 'oauth2' && provider.auth.revoke) {
      const timeoutMs = oauthClients.tokenRequestTimeoutSeconds * 1000;
      return provider.auth.revoke({
        accessToken: stored.accessToken,
        refreshToken: stored.refreshToken,
        clientId: connection.clientId,
        clientSecret: clientSecret ?? null,
        revocationUrl: oauth.config.serverMetadata().revocation_endpoint,
        apiBaseUrl: resolveApiBaseUrl(provider, connection.endpoints, { ...connection.settings, ...values }),
        fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) }),
      });
    }
    if (!oauth.hasRevocation) return false;
    // Revoking the refresh token ends the whole grant at RFC 7009 servers (and its access tokens).
    const [token, hint] = stored.refreshToken ? [stored.refreshToken, 'refresh_token'] : [stored.accessToken, 'access_token'];
    await client.tokenRevocation(oauth.config, token, { token_type_hint: hint });
    return true;
  }

  const usageQueries = createAccountUsage(runtime);

  /** Refreshes now, and the account as the refresh left it. */
  async function refreshAccount(ref: AccountRef): Promise<ConnectedAccount> {
    const row = await internals.findRow(ref);
    await refresher.forceRefresh(row);
    return service.get({ id: row.id });
  }

  return {
    getOrCreate: service.getOrCreate,
    createMany: (items: GetOrCreateOptions[]) => runBulk('createMany', items, service.getOrCreate),
    refreshMany: (refs: AccountRef[]) => runBulk('refreshMany', refs, refreshAccount),

    async updateSettings(ref: AccountRef, settings: AccountSettingsInput): Promise<ConnectedAccount> {
      const patch = accountSettingsPatch(settings);
      const row = await internals.withRetry(ref, (current) => runtime.accountsRepo.update(current.id, patch, { version: current.version }, runtime.now()));
      return internals.toAccount(row, await internals.providerOf(row.connection_name));
    },

    health: async (ref: AccountRef): Promise<AccountHealth> => usageQueries.health(await internals.findRow(ref)),

    usage: async (ref: AccountRef, range?: { from?: Date; to?: Date }): Promise<AccountUsageSummary> => usageQueries.usage((await internals.findRow(ref)).id, range),
    get: service.get,
    list: service.list,
    delete: service.delete,
    updateMetadata: service.updateMetadata,
    suspend: service.suspend,
    resume: service.resume,
    setCredentials: service.setCredentials,

    authorizationLink: (linkOptions: AuthorizationLinkOptions): Promise<AuthorizationLink> => links.create(linkOptions),

    /** A valid access token for an OAuth account, refreshed first when it is close to expiry. */
    async getAccessToken(ref: AccountRef): Promise<AccessToken> {
      try {
        return await readAccessToken(ref);
      } catch (error) {
        throw await explainUnconnected(error, ref);
      }
    },

    /** Credentials of any kind, from one row read; OAuth tokens are refreshed first when due. */
    async getCredentials(ref: AccountRef): Promise<Credentials> {
      try {
        return await readCredentials(ref);
      } catch (error) {
        throw await explainUnconnected(error, ref);
      }
    },

    /** Refreshes the access token now (unless another caller just did). */
    async refresh(ref: AccountRef): Promise<AccessToken> {
      return (await refresher.forceRefresh(await internals.findRow(ref))).token;
    },

    /**
     * Revokes at the provider when it has a revocation endpoint (a failure there is logged, not
     * thrown: the local revocation must happen regardless), deletes the tokens, sets REVOKED.
     */
    async revoke(ref: AccountRef): Promise<ConnectedAccount & { revokedAtProvider: boolean }> {
      const initial = await internals.findRow(ref);
      await runtime.transactionsRepo.deleteByAccount(initial.id); // before REVOKED: a consent in progress cannot re-activate the account (the callback checks its transaction is still there)
      let revokedAtProvider = false;
      try {
        revokedAtProvider = await revokeAtProvider(initial);
      } catch (error) {
        const failure = toOAuthFailure(error, 'Revocation at the provider', { accountId: initial.id, connection: initial.connection_name });
        runtime.logger.warn(failure.message, { accountId: initial.id, connection: initial.connection_name });
      }
      const row = await internals.withRetry({ id: initial.id }, async (current) =>
        current.status === 'REVOKED' && current.credentials === null
          ? current
          : internals.transition(current, 'REVOKED', 'revoked by the app', {
              credentials: null,
              credentials_key_id: null,
              expires_at: null,
              suspended_from: null,
              lease_owner: null,
              lease_expires_at: null,
              next_refresh_at: null,
            }),
      );
      await runtime.audit.record({ type: 'account.revoked', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { revokedAtProvider } });
      const account = internals.toAccount(row, await internals.providerOf(row.connection_name));
      return { ...account, revokedAtProvider };
    },
  };
}
