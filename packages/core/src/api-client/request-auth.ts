import type { ConnectionService } from '../connections/index.ts';
import { authenticationFor, resolveApiBaseUrl } from './api-auth.ts';
import type { Provider } from '../providers/index.ts';
import type { AccountInternals } from '../accounts/index.ts';
import { unusableAccountError } from '../accounts/index.ts';
import type { AccountRef, ConnectedAccount, StoredCredentials } from '../accounts/index.ts';
import type { RefreshCoordinator } from '../refresh/index.ts';

/** Everything needed to send one authenticated request to a provider's API for one account. */
export interface RequestAuth {
  account: ConnectedAccount;
  provider: Provider;
  /** The API base URL, without a trailing slash (connection override and `{field}`s applied). */
  baseUrl: string;
  /** Provider default headers plus the authentication header. */
  headers: Record<string, string>;
  /** Query parameters some API-key providers authenticate with. */
  query: Record<string, string>;
  /**
   * After a 401: for OAuth accounts, refreshes once (unless another caller already replaced the
   * token) and returns fresh auth; undefined when the credentials cannot be refreshed.
   */
  refresh(): Promise<RequestAuth | undefined>;
}

/**
 * Resolves request authentication for an account: a fresh token for OAuth accounts (refreshed when
 * due), the stored key for API-key/basic/bearer ones. Throws the account's typed error when it is
 * not ACTIVE.
 */
export function createRequestAuth(options: { connections: ConnectionService; internals: AccountInternals; refresher: RefreshCoordinator }) {
  const { connections, internals, refresher } = options;

  /** `seenCredentials`: the stored credentials whose token just got a 401 (forces a refresh). */
  async function build(ref: AccountRef, seenCredentials?: string | null): Promise<RequestAuth> {
    let row = await internals.findRow(ref);
    if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
    const connection = await connections.get(row.connection_name);
    const provider = await internals.providerOf(row.connection_name);
    let stored = internals.openCredentials(row);
    if (!stored) throw unusableAccountError({ ...internals.toAccountLite(row), status: 'PENDING' });
    if (stored.type === 'oauth2') {
      const token = seenCredentials !== undefined ? await refresher.forceRefresh(row, seenCredentials) : await refresher.getAccessToken(row);
      if (token.accessToken !== stored.accessToken) {
        row = await internals.findRow({ id: row.id });
        stored = internals.openCredentials(row) ?? stored;
      }
      if (stored.type === 'oauth2') stored = { ...stored, accessToken: token.accessToken, tokenType: token.tokenType } satisfies StoredCredentials;
    }
    const fields = stored.type === 'oauth2' ? {} : stored.values;
    const { headers, query } = authenticationFor(provider, stored);
    const isOAuth = stored.type === 'oauth2';
    return {
      account: internals.toAccount(row, provider),
      provider,
      baseUrl: resolveApiBaseUrl(provider, connection.endpoints, fields),
      headers: { ...provider.api.headers, ...headers },
      query,
      refresh: async () => (isOAuth ? build({ id: row.id }, row.credentials) : undefined),
    };
  }

  return (ref: AccountRef): Promise<RequestAuth> => build(ref);
}

export type ResolveRequestAuth = ReturnType<typeof createRequestAuth>;
