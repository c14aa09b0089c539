import * as client from 'openid-client';
import type { ConnectionService } from '../connections/index.ts';
import type { OAuthClients } from '../oauth/index.ts';
import { toOAuthFailure } from '../oauth/index.ts';
import type { Runtime } from '../runtime.ts';
import type { AccountInternals, AccountService } from '../accounts/index.ts';
import { unusableAccountError } from '../accounts/index.ts';
import type { AccountRef, ConnectedAccount, Credentials } from '../accounts/index.ts';
import type { AuthorizationLink, AuthorizationLinkOptions, AuthorizationLinks } from '../links/index.ts';
import { toCredentials } from '../accounts/index.ts';
import type { AccessToken, RefreshCoordinator } from '../refresh/index.ts';

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
}) {
  const { runtime, service, internals, connections, links, refresher, oauthClients } = options;

  async function revokeAtProvider(row: Awaited<ReturnType<AccountInternals['findRow']>>): Promise<boolean> {
    const stored = internals.openCredentials(row);
    if (!stored || stored.type !== 'oauth2') return false;
    const { connection, clientSecret } = await connections.resolve(row.connection_name);
    const provider = runtime.providers.get(connection.provider);
    const oauth = await oauthClients.get({ connection, clientSecret, provider });
    if (!oauth.hasRevocation) return false;
    // Revoking the refresh token ends the whole grant at RFC 7009 servers (and its access tokens).
    const [token, hint] = stored.refreshToken ? [stored.refreshToken, 'refresh_token'] : [stored.accessToken, 'access_token'];
    await client.tokenRevocation(oauth.config, token, { token_type_hint: hint });
    return true;
  }

  return {
    ...service,

    authorizationLink: (linkOptions: AuthorizationLinkOptions): Promise<AuthorizationLink> => links.create(linkOptions),

    /** A valid access token for an OAuth account, refreshed first when it is close to expiry. */
    async getAccessToken(ref: AccountRef): Promise<AccessToken> {
      return refresher.getAccessToken(await internals.findRow(ref));
    },

    /** Credentials of any kind; OAuth tokens are refreshed first when due. */
    async getCredentials(ref: AccountRef): Promise<Credentials> {
      const row = await internals.findRow(ref);
      if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
      const stored = internals.openCredentials(row);
      if (stored?.type !== 'oauth2') return service.getCredentials({ id: row.id });
      const token = await refresher.getAccessToken(row);
      const fresh = await internals.findRow({ id: row.id });
      const latest = internals.openCredentials(fresh);
      const refreshToken = latest?.type === 'oauth2' ? latest.refreshToken : stored.refreshToken;
      const idToken = latest?.type === 'oauth2' ? latest.idToken : stored.idToken;
      return toCredentials({ type: 'oauth2', accessToken: token.accessToken, tokenType: token.tokenType, refreshToken, idToken }, { expiresAt: token.expiresAt, scopes: token.scopes });
    },

    /** Refreshes the access token now (unless another caller just did). */
    async refresh(ref: AccountRef): Promise<AccessToken> {
      return refresher.forceRefresh(await internals.findRow(ref));
    },

    /**
     * Revokes at the provider when it has a revocation endpoint (a failure there is logged, not
     * thrown: the local revocation must happen regardless), deletes the tokens, sets REVOKED.
     */
    async revoke(ref: AccountRef): Promise<ConnectedAccount & { revokedAtProvider: boolean }> {
      const initial = await internals.findRow(ref);
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

export type AccountsApi = ReturnType<typeof createAccountsApi>;
