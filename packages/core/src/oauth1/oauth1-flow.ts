import { randomBytes } from 'node:crypto';
import { accountValues, type AccountInternals, type StoredCredentials } from '../accounts/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { isOnBehalfError, OnBehalfError } from '../errors.ts';
import type { AuthorizationLinks } from '../links/index.ts';
import { requireBaseUrl } from '../links/index.ts';
import { readTransactionCookie, sealTransactionCookie, transactionCookieName, type CallbackResult, type TransactionCookie } from '../oauth/index.ts';
import type { Runtime } from '../runtime.ts';
import { hashToken, newId, type AccountRow, type LinkRow, type TransactionRow, type TransactionsRepository } from '../store/index.ts';
import { sealingPasswords } from '../vault/index.ts';
import { oauth1CapturedValues } from './oauth1-after-consent.ts';
import { oauth1Consumer, oauth1Endpoints, oauth1Method } from './oauth1-endpoints.ts';
import type { OAuth1Token } from './oauth1-signer.ts';
import { exchangeVerifier, requestTemporaryToken } from './oauth1-token-requests.ts';

const TRANSACTION_TTL_SECONDS = 10 * 60;
/** Where the request token and its secret are sealed in the transaction row (its `code_verifier` column). */
const REQUEST_TOKEN_FIELD = 'oauth1_request_token';

const invalidState = (message: string) => new OnBehalfError('INVALID_STATE', message);

/**
 * The OAuth 1.0a three-legged flow (RFC 5849), with the same links, callback route, transaction
 * rows, browser-bound cookie and statuses as OAuth 2.0. The callback URL given with the request
 * token carries our own one-time `state` (RFC 5849 lets a callback have a query; the server appends
 * `oauth_token` and `oauth_verifier` to it), so a callback is matched to its transaction exactly as
 * in OAuth 2.0; the `oauth_token` it brings must also be the request token of that transaction.
 */
export function createOAuth1Flow(options: {
  runtime: Runtime;
  connections: ConnectionService;
  internals: AccountInternals;
  links: AuthorizationLinks;
  transactions: TransactionsRepository;
  /** Bound on each call to the provider's token endpoints. */
  tokenRequestTimeoutSeconds: number;
}) {
  const { runtime, connections, internals, links, transactions } = options;
  const timeoutMs = options.tokenRequestTimeoutSeconds * 1000;

  async function target(connectionName: string) {
    const { connection, clientSecret } = await connections.resolve(connectionName);
    const auth = oauth1Method(connections.providerFor(connection), connection.name);
    const provider = connections.providerFor(connection);
    return { connection, provider, auth, consumer: oauth1Consumer(connection, clientSecret), endpoints: oauth1Endpoints(auth, connection) };
  }

  const sealCookie = (connection: string, transactionIds: string[]) =>
    sealTransactionCookie(connection, transactionIds, sealingPasswords(runtime.cookiePassword, runtime.vault.currentKeyId), TRANSACTION_TTL_SECONDS);

  async function recordFailure(account: AccountRow, reason: string): Promise<void> {
    // An ACTIVE account keeps a clean status when a second consent fails.
    if (account.status !== 'ACTIVE') await runtime.accountsRepo.update(account.id, { status_reason: reason }, { status: account.status }, runtime.now());
    await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: reason } });
  }

  /** Checks every part of a callback that can be checked without using its transaction up. */
  async function openTransaction(connectionName: string, query: URLSearchParams, cookies: Record<string, string>) {
    const state = query.get('state');
    if (!state) throw invalidState('The callback has no state: start again from your app.');
    const tx: TransactionRow | undefined = await transactions.findByStateHash(hashToken(state));
    if (!tx) throw invalidState('This authorization is unknown or was already completed: start again from your app.');
    if (tx.connection_name !== connectionName) throw invalidState('This callback does not belong to this connection.');
    if (tx.used_at !== null) throw invalidState('This authorization was already completed: start again from your app.');
    if (Number(tx.expires_at) <= runtime.now()) throw invalidState('This authorization took too long and expired: start again from your app.');
    const inFlight = await readTransactionCookie(cookies[transactionCookieName(tx.connection_name)], runtime.cookiePassword);
    if (!inFlight.includes(tx.id)) throw invalidState('This authorization was started in another browser: start again from your app.');
    if (!tx.code_verifier) throw invalidState('This authorization was not started as an OAuth 1.0a one: start again from your app.');
    const temporary = runtime.vault.open<OAuth1Token>(tx.code_verifier, { table: 'oauth_transactions', rowId: tx.id, field: REQUEST_TOKEN_FIELD });
    // A forged or mixed-up answer must not end the person's real authorization: refused before
    // the transaction is used up.
    if (query.get('oauth_token') !== temporary.key) throw invalidState('This answer is not for the authorization this browser started: start again from your app.');
    const verifier = query.get('oauth_verifier');
    if (!verifier) throw invalidState('The provider sent no verifier with this answer, so the access was not granted: start again from your app.');
    return { tx, state, temporary, verifier, remaining: () => sealCookie(tx.connection_name, inFlight.filter((other) => other !== tx.id)) };
  }

  return {
    /** GET /authorize/:token for an OAuth 1.0a connection: a request token, a transaction, the consent URL. */
    async start(link: LinkRow, account: AccountRow, cookies: Record<string, string>): Promise<{ location: string; cookie: TransactionCookie }> {
      requireBaseUrl(runtime);
      const t = await target(link.connection_name);
      const redirectUri = t.connection.redirectUri!;
      const scopes = [...new Set([...(t.auth.defaultScopes ?? []), ...t.connection.scopes, ...(link.scopes ? (JSON.parse(link.scopes) as string[]) : [])])];
      const state = randomBytes(32).toString('base64url');
      const callback = new URL(redirectUri);
      callback.searchParams.set('state', state);
      const details = { connection: t.connection.name, accountId: account.id };
      const temporary = await requestTemporaryToken(t.endpoints, callback.href, { consumer: t.consumer, timeoutMs, details });
      const id = newId('otx');
      const sealed = runtime.vault.seal(temporary, { table: 'oauth_transactions', rowId: id, field: REQUEST_TOKEN_FIELD });
      const now = runtime.now();
      await transactions.insert({
        id,
        state_hash: hashToken(state),
        account_id: account.id,
        link_id: link.id,
        connection_name: t.connection.name,
        code_verifier: sealed.ciphertext,
        code_verifier_key_id: sealed.keyId,
        nonce: null,
        redirect_uri: redirectUri,
        return_to: link.return_to,
        scopes: JSON.stringify(scopes),
        expires_at: now + TRANSACTION_TTL_SECONDS * 1000,
        used_at: null,
        created_at: now,
      });
      const location = new URL(t.endpoints.authorizationUrl);
      for (const [name, value] of Object.entries({ ...(t.auth.authorizationParams ?? {}), ...t.connection.authorizationParams })) location.searchParams.set(name, value);
      if (scopes.length > 0) location.searchParams.set('scope', scopes.join(t.auth.scopeSeparator ?? ','));
      location.searchParams.set('oauth_token', temporary.key);
      const inFlight = await readTransactionCookie(cookies[transactionCookieName(t.connection.name)], runtime.cookiePassword);
      return { location: location.href, cookie: await sealCookie(t.connection.name, [...inFlight, id]) };
    },

    /**
     * GET /callback/:connection with `state`, `oauth_token` and `oauth_verifier`. What happens is
     * decided by the stored transaction; the request token must be the one stored with it.
     */
    async complete(connectionName: string, query: URLSearchParams, cookies: Record<string, string>): Promise<CallbackResult & { cookie: TransactionCookie }> {
      const { tx, state, temporary, verifier, remaining } = await openTransaction(connectionName, query, cookies);
      const t = await target(tx.connection_name);
      if (!(await transactions.consume(tx.id, runtime.now()))) throw invalidState('This authorization was already completed: start again from your app.');
      const account = await internals.findRow({ id: tx.account_id });
      let access;
      try {
        access = await exchangeVerifier(t.endpoints, temporary, verifier, { consumer: t.consumer, timeoutMs, details: { connection: tx.connection_name, accountId: account.id } });
      } catch (error) {
        const reason = (error as { oauthError?: string; kind?: string }).oauthError ?? (error as { kind?: string }).kind ?? 'error';
        await recordFailure(account, reason);
        throw error;
      }
      let values: Record<string, string>;
      try {
        values = await oauth1CapturedValues({ provider: t.provider, auth: t.auth, connection: t.connection, consumer: t.consumer, token: access, tokenResponse: access.extra, timeoutMs });
      } catch (error) {
        await recordFailure(account, isOnBehalfError(error) ? error.code : 'after_consent_failed');
        throw error;
      }
      const scopes = JSON.parse(tx.scopes) as string[];
      const stored: StoredCredentials = { type: 'oauth1', token: access.key, tokenSecret: access.secret };
      let previousValues: Record<string, string> = {};
      // The member the provider's identity call named (Trello's member id; its login to show), as in the OAuth 2.0 flow.
      const identity = t.auth.accountValues?.[0]?.name;
      const subject = identity ? values[identity] : undefined;
      const display = t.auth.accountValues?.[1]?.name;
      const replace = tx.link_id ? await links.replacesIdentity(tx.link_id) : false;
      const claimedAt = tx.link_id ? await links.claim(tx.link_id) : undefined;
      if (claimedAt === null) throw new OnBehalfError('LINK_USED', 'This authorization link has already been used to connect an account. Ask for a new one.');
      let activated: AccountRow;
      try {
        activated = await internals.withRetry({ id: account.id }, async (current) => {
          if (current.status === 'SUSPENDED') throw new OnBehalfError('ACCOUNT_SUSPENDED', 'This account was suspended during authorization.');
          // revoke() deletes the account's transactions before it writes REVOKED (see the OAuth 2.0 flow).
          if (!(await transactions.findByStateHash(hashToken(state)))) {
            throw invalidState('This account was disconnected while the authorization was in progress: start again from your app.');
          }
          previousValues = accountValues(current);
          // Another member on the same alias is refused (the account keeps its tokens) unless the link asked to replace it.
          const previousSubject = current.identity_subject ?? (identity ? previousValues[identity] : undefined);
          if (previousSubject !== undefined && subject !== undefined && previousSubject !== subject && !replace && current.status !== 'REVOKED') {
            throw new OnBehalfError('ACCOUNT_IDENTITY_MISMATCH', `This ${t.provider.name} account is not the one connected before${current.identity_display ? ` (${current.identity_display})` : ''}. Sign in at ${t.provider.name} with that account, or ask the app for a link that replaces it.`, {
              details: { accountId: current.id, connection: current.connection_name, alias: current.alias },
            });
          }
          const sealed = internals.sealCredentials(current.id, stored);
          const now = runtime.now();
          // No expiry: OAuth 1.0a tokens live until revoked (Trello's expiration=never); there is nothing to refresh.
          return internals.transition(current, 'ACTIVE', null, {
            credentials: sealed.ciphertext,
            credentials_key_id: sealed.keyId,
            scopes: JSON.stringify(scopes),
            account_values: JSON.stringify(values),
            ...(subject !== undefined ? { identity_subject: subject, identity_display: (display ? values[display] : undefined) ?? null } : {}),
            expires_at: null,
            authorized_at: now,
            last_refreshed_at: null,
            refresh_failures: 0,
            next_refresh_at: null,
            lease_owner: null,
            lease_expires_at: null,
          });
        });
      } catch (error) {
        if (tx.link_id && claimedAt !== undefined) await links.release(tx.link_id, claimedAt).catch(() => false);
        throw error;
      }
      if (identity && previousValues[identity] !== undefined && values[identity] !== undefined && previousValues[identity] !== values[identity]) {
        // Allowed (a person may reconnect with another account on purpose), never silent.
        await runtime.audit.record({ type: 'account.identity_changed', accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier, data: { previousSubject: previousValues[identity], subject: values[identity] } });
        runtime.logger.warn('onbehalf re-authorization connected another provider identity', { accountId: activated.id, connection: activated.connection_name });
      }
      await runtime.audit.record({ type: 'account.authorized', accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier, data: { scopes } });
      runtime.events.emit('account.authorized', { accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier, scopes });
      return { account: activated, returnTo: tx.return_to, cookie: await remaining() };
    },
  };
}

export type OAuth1Flow = ReturnType<typeof createOAuth1Flow>;
