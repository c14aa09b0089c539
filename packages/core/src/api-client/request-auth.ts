import type { Connection, ConnectionService } from '../connections/index.ts';
import type { AccountRow } from '../store/index.ts';
import { authenticationFor, resolveApiBaseUrl } from './api-auth.ts';
import type { Provider } from '../providers/index.ts';
import type { AccountInternals } from '../accounts/index.ts';
import { accountValues, unusableAccountError } from '../accounts/index.ts';
import type { AccountRef, ConnectedAccount, StoredCredentials } from '../accounts/index.ts';
import type { RefreshCoordinator } from '../refresh/index.ts';
import { DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS } from '../oauth/index.ts';
import { oauth1Consumer, oauth1TokenRejected, type OAuth1Consumer, type OAuth1RequestSigner } from '../oauth1/index.ts';

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
  /** OAuth 1.0a: signs each request (and each redirect hop) over its method, URL and query. */
  sign?: OAuth1RequestSigner;
  /** Credentials that appear in no header as they are (an OAuth 1.0a token and secret), for redaction. */
  secrets?: string[];
  /** OAuth 2.0: what the account's token is, when the provider says (`user` at Slack). */
  label?: string;
  /** OAuth 2.0: the grant's other tokens by label (Slack's `bot`), for requests that ask for one. */
  extraTokens?: Record<string, { accessToken: string; tokenType: string; scopes?: string[] }>;
  /**
   * After a 401: for OAuth accounts, refreshes once (unless another caller already replaced the
   * token) and returns fresh auth; undefined when the credentials cannot be refreshed.
   */
  refresh(): Promise<RequestAuth | undefined>;
}

/**
 * Resolves request authentication for an account: a fresh token for OAuth accounts (refreshed when
 * due), the stored key for API-key/basic/bearer ones. Throws the account's typed error when it is
 * not ACTIVE. `forRow` works from a row the caller already read: one read and one decryption per
 * call, with the connection and provider from their caches.
 */
/**
 * What fills the `{name}` placeholders of the API base URL: the connection's settings, the
 * account's values, its credential fields (later ones win). Read only for a URL that has any.
 */
function urlValues(provider: Provider, connection: Connection, row: AccountRow, fields: Record<string, string>): Record<string, string> {
  if (!(connection.endpoints.apiBaseUrl ?? provider.api.baseUrl).includes('{')) return fields;
  return { ...connection.settings, ...accountValues(row), ...fields };
}

export function createRequestAuth(options: { connections: ConnectionService; internals: AccountInternals; refresher: RefreshCoordinator }) {
  const { connections, internals, refresher } = options;

  // The consumer secret of each OAuth 1.0a connection version, decrypted once: every request is signed with it.
  const consumers = new Map<string, Promise<OAuth1Consumer>>();
  function consumerOf(connection: Connection): Promise<OAuth1Consumer> {
    const key = `${connection.name}\u0000${connection.updatedAt.getTime()}`;
    let consumer = consumers.get(key);
    if (!consumer) {
      for (const old of consumers.keys()) if (old.startsWith(`${connection.name}\u0000`)) consumers.delete(old);
      consumer = connections.resolve(connection.name).then(({ connection: current, clientSecret }) => oauth1Consumer(current, clientSecret));
      consumers.set(key, consumer);
      consumer.catch(() => consumers.delete(key));
    }
    return consumer;
  }

  /**
   * A 401 on an OAuth 1.0a account, which has nothing to refresh: re-authorized meanwhile, the new
   * token is used; a token the provider says it no longer takes turns the account EXPIRED (so the
   * next call asks for re-authorization instead of failing the same way); otherwise nothing changes.
   */
  async function afterOAuth1Rejection(row: AccountRow, token: { key: string; secret: string }, provider: Provider, connection: Connection): Promise<RequestAuth | undefined> {
    const current = await internals.findRow({ id: row.id });
    if (current.credentials !== row.credentials) return current.status === 'ACTIVE' ? build(current) : undefined;
    const rejected = await oauth1TokenRejected({
      provider,
      connection,
      consumer: await consumerOf(connection),
      token,
      apiBaseUrl: resolveApiBaseUrl(provider, connection.endpoints, urlValues(provider, connection, row, {})),
      timeoutMs: DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS * 1000,
    });
    if (rejected && current.status === 'ACTIVE') await internals.transition(current, 'EXPIRED', 'token_rejected');
    return undefined;
  }

  async function connectionOf(name: string): Promise<Connection> {
    return (await connections.snapshot()).byName.get(name) ?? connections.get(name);
  }

  /** `seenCredentials`: the sealed credentials whose token just got a 401 (forces a refresh). */
  async function build(row: AccountRow, seenCredentials?: string | null): Promise<RequestAuth> {
    if (row.status !== 'ACTIVE') throw unusableAccountError(internals.toAccountLite(row));
    const connection = await connectionOf(row.connection_name);
    const provider = connections.providerFor(connection);
    let stored = internals.openCredentials(row);
    if (!stored) throw unusableAccountError({ ...internals.toAccountLite(row), status: 'PENDING' });
    let sealed = row.credentials;
    // OAuth tokens are refreshed when due, jwt ones minted anew: both under the refresh lease.
    if (stored.type === 'oauth2' || stored.type === 'jwt') {
      const fresh = seenCredentials !== undefined ? await refresher.forceRefresh(row, seenCredentials, { rejected: true }) : await refresher.getFresh(row, stored);
      stored = { ...fresh.stored, accessToken: fresh.token.accessToken, tokenType: fresh.token.tokenType } satisfies StoredCredentials;
      sealed = fresh.sealed;
    }
    const fields = stored.type === 'oauth2' || stored.type === 'oauth1' ? {} : stored.type === 'jwt' ? stored.claims : stored.values;
    const { headers, query, sign } = authenticationFor(provider, stored, stored.type === 'oauth1' ? await consumerOf(connection) : undefined);
    const isOAuth = stored.type === 'oauth2' || stored.type === 'jwt';
    return {
      account: internals.toAccount(row, provider),
      provider,
      baseUrl: resolveApiBaseUrl(provider, connection.endpoints, urlValues(provider, connection, row, fields)),
      headers: { ...provider.api.headers, ...headers },
      query,
      ...(sign && stored.type === 'oauth1' ? { sign, secrets: [stored.token, stored.tokenSecret] } : {}),
      ...(stored.type === 'oauth2' && stored.label ? { label: stored.label } : {}),
      ...(stored.type === 'oauth2' && stored.extraTokens
        ? { extraTokens: Object.fromEntries(Object.entries(stored.extraTokens).map(([label, t]) => [label, { accessToken: t.accessToken, tokenType: t.tokenType, scopes: t.scopes }])) }
        : {}),
      refresh: async () => {
        if (isOAuth) return build(await internals.findRow({ id: row.id }), sealed);
        if (stored.type === 'oauth1') return afterOAuth1Rejection(row, { key: stored.token, secret: stored.tokenSecret }, provider, connection);
        return undefined;
      },
    };
  }

  return {
    forRef: async (ref: AccountRef): Promise<RequestAuth> => build(await internals.findRow(ref)),
    forRow: (row: AccountRow): Promise<RequestAuth> => build(row),
  };
}

export type RequestAuthResolver = ReturnType<typeof createRequestAuth>;
