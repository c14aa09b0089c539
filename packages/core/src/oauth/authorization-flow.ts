import * as client from 'openid-client';
import type { AccountInternals } from '../accounts/index.ts';
import type { AuthorizationLinks } from '../links/index.ts';
import { requireBaseUrl } from '../links/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { isOnBehalfError, OnBehalfError } from '../errors.ts';
import { fillUrlTemplate, isPlaceholderValue, providerPlaceholders, type AfterConsentContext, type ProviderIdentity } from '../providers/index.ts';
import { readTransactionCookie, sealTransactionCookie, transactionCookieName, type TransactionCookie } from './transaction-cookie.ts';
import type { Runtime } from '../runtime.ts';
import { hashToken, newId, type AccountRow, type LinkRow, type TransactionRow, type TransactionsRepository } from '../store/index.ts';
import type { OAuthClients } from './oauth-configuration.ts';
import { idTokenSubject } from './id-token-subject.ts';
import { toOAuthFailure } from './oauth-errors.ts';
import { toTokenSet } from './token-set.ts';
import { withIntrospectedExpiry } from './introspected-expiry.ts';
import { sealingPasswords } from '../vault/index.ts';

const TRANSACTION_TTL_SECONDS = 10 * 60;

export interface CallbackResult {
  account: AccountRow;
  returnTo: string | null;
  /** Set when the provider sent the person back with an error (e.g. access_denied). */
  error?: { code: string; message: string };
}

function invalidState(message: string): OnBehalfError {
  return new OnBehalfError('INVALID_STATE', message);
}

/**
 * RFC 9207 mix-up defence: the `iss` of an authorization response must be the connection's
 * issuer, and must be present when the server says it always sends it.
 */
function checkIssuer(metadata: client.ServerMetadata, query: URLSearchParams): void {
  const iss = query.getAll('iss');
  const valid = iss.length === 0 ? metadata.authorization_response_iss_parameter_supported !== true : iss.length === 1 && iss[0] === metadata.issuer;
  if (!valid) throw invalidState('This answer does not come from the issuer this connection uses: start again from your app.');
}

/** The OAuth 2.0 authorization-code flow with PKCE, on openid-client. */
export function createAuthorizationFlow(options: {
  runtime: Runtime;
  connections: ConnectionService;
  internals: AccountInternals;
  links: AuthorizationLinks;
  transactions: TransactionsRepository;
  oauthClients: OAuthClients;
}) {
  const { runtime, connections, internals, links, transactions, oauthClients } = options;

  async function target(connectionName: string, values?: Record<string, string>) {
    const { connection, clientSecret } = await connections.resolve(connectionName);
    const provider = connections.providerFor(connection);
    return { connection, clientSecret, provider, values };
  }

  /**
   * A failed (re-)authorization is noted on an account that is not working anyway; an ACTIVE
   * account keeps its credentials and a clean status when a second consent is declined.
   */
  /** The provider identity of the credentials an account holds now, when its ID token says. */
  function storedSubject(account: AccountRow): string | undefined {
    try {
      const stored = internals.openCredentials(account);
      return stored?.type === 'oauth2' ? idTokenSubject(stored.idToken) : undefined;
    } catch {
      return undefined; // unreadable old credentials are being replaced anyway
    }
  }

  const sealCookie = (connection: string, transactionIds: string[]) =>
    sealTransactionCookie(connection, transactionIds, sealingPasswords(runtime.cookiePassword, runtime.vault.currentKeyId), TRANSACTION_TTL_SECONDS);

  async function recordFailure(account: AccountRow, reason: string): Promise<void> {
    if (account.status !== 'ACTIVE') await runtime.accountsRepo.update(account.id, { status_reason: reason }, { status: account.status }, runtime.now());
  }

  /**
   * The account's values after consent: its pre-consent fields plus what the provider's
   * `afterConsent` captured (checked like any value that fills a URL), for `account.values`.
   */
  /** What `afterConsent` and `identity` receive: the token response and a fetch with the new token. */
  function consentContext(t: Awaited<ReturnType<typeof target>>, fields: Record<string, string>, tokenResponse: Record<string, unknown>, stored: { accessToken: string; tokenType: string }): AfterConsentContext {
    const known = { ...t.connection.settings, ...fields };
    const apiBaseUrl = t.connection.endpoints.apiBaseUrl ?? t.provider.api.baseUrl;
    const timeoutMs = oauthClients.tokenRequestTimeoutSeconds * 1000;
    const authorization = `${stored.tokenType === 'Bearer' ? 'Bearer' : stored.tokenType} ${stored.accessToken}`;
    const fetchWithToken = (pathOrUrl: string, init: RequestInit = {}) => {
      const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${fillUrlTemplate(t.provider, apiBaseUrl, known).replace(/\/+$/, '')}${pathOrUrl}`;
      const headers = new Headers(init.headers);
      headers.set('authorization', authorization);
      if (!headers.has('accept')) headers.set('accept', 'application/json');
      for (const [name, value] of Object.entries(t.provider.api.headers ?? {})) if (!headers.has(name)) headers.set(name, value);
      return fetch(url, { ...init, headers, redirect: 'manual', signal: init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) });
    };
    return { tokenResponse, values: known, fetch: fetchWithToken, apiBaseUrl, connection: { name: t.connection.name, settings: { ...t.connection.settings } } };
  }

  async function capturedValues(t: Awaited<ReturnType<typeof target>>, fields: Record<string, string>, context: AfterConsentContext): Promise<Record<string, string>> {
    const auth = t.provider.auth;
    if (auth.type !== 'oauth2' || !auth.afterConsent) return { ...fields };
    const captured = await auth.afterConsent(context);
    const values: Record<string, string> = { ...fields };
    const placeholders = providerPlaceholders(t.provider);
    for (const [name, value] of Object.entries(captured ?? {})) {
      if (typeof value !== 'string') throw new OnBehalfError('PROVIDER_API_ERROR', `${t.provider.name}: the value '${name}' captured after consent is not a string.`, { details: { provider: t.provider.id, field: name } });
      const pattern = auth.accountValues?.find((field) => field.name === name)?.pattern;
      if ((placeholders.has(name) && !isPlaceholderValue(t.provider, name, value)) || (pattern && !new RegExp(pattern).test(value))) {
        throw new OnBehalfError('PROVIDER_API_ERROR', `${t.provider.name} answered with a '${name}' that cannot be used in its URLs.`, { details: { provider: t.provider.id, field: name } });
      }
      values[name] = value;
    }
    return values;
  }

  /**
   * Who consent connected: the provider's declared "who am I", else the ID token's `sub` (with
   * its email or preferred username). A failing lookup does not fail the consent (the account
   * works without it); it only means this reconnect cannot be compared with the last one.
   */
  async function consentIdentity(t: Awaited<ReturnType<typeof target>>, context: AfterConsentContext, claims: Record<string, unknown> | undefined): Promise<ProviderIdentity | undefined> {
    const auth = t.provider.auth;
    if (auth.type === 'oauth2' && auth.identity) {
      try {
        const found = await auth.identity(context);
        if (found && typeof found.subject === 'string' && found.subject !== '') {
          return { subject: found.subject.slice(0, 255), display: typeof found.display === 'string' && found.display !== '' ? found.display.slice(0, 255) : null };
        }
      } catch (error) {
        runtime.logger.warn('onbehalf could not read the provider identity after consent', { connection: t.connection.name, error: error instanceof Error ? error.name : typeof error });
      }
    }
    const sub = claims?.sub;
    if (typeof sub !== 'string' || sub === '') return undefined;
    const display = [claims?.email, claims?.preferred_username].find((v): v is string => typeof v === 'string' && v !== '') ?? null;
    return { subject: sub, display };
  }

  /** The refusal of a consent that would move an alias to another provider account, or duplicate one. */
  function identityRefusal(code: 'ACCOUNT_IDENTITY_MISMATCH' | 'ACCOUNT_ALREADY_CONNECTED', account: AccountRow, t: Awaited<ReturnType<typeof target>>, other?: AccountRow): OnBehalfError {
    const details = { accountId: account.id, connection: account.connection_name, alias: account.alias, ...(other ? { existingAlias: other.alias } : {}) };
    return code === 'ACCOUNT_IDENTITY_MISMATCH'
      ? new OnBehalfError(code, `This ${t.provider.name} account is not the one connected before${account.identity_display ? ` (${account.identity_display})` : ''}. Sign in at ${t.provider.name} with that account, or ask the app for a link that replaces it.`, { details })
      : new OnBehalfError(code, `This ${t.provider.name} account is already connected${other!.alias !== 'default' ? ` as '${other!.alias}'` : ''}. Reconnect that one instead, or sign in with another account.`, { details });
  }

  return {
    /**
     * GET /authorize/:token for an OAuth connection: a new transaction and the provider URL.
     * `fields`: the provider's pre-consent values, complete (see `consentValues`).
     */
    async start(link: LinkRow, account: AccountRow, cookies: Record<string, string>, fields: Record<string, string> = {}): Promise<{ location: string; cookie: TransactionCookie }> {
      requireBaseUrl(runtime);
      const t = await target(link.connection_name, fields);
      const oauth = await oauthClients.get(t);
      const redirectUri = t.connection.redirectUri!;
      const scopes = [...new Set([...(oauth.auth.defaultScopes ?? []), ...t.connection.scopes, ...(link.scopes ? (JSON.parse(link.scopes) as string[]) : [])])];
      const state = client.randomState();
      const stateHash = hashToken(state);
      const verifier = oauth.usePkce ? client.randomPKCECodeVerifier() : null;
      const nonce = oauth.isOidc && scopes.includes('openid') ? client.randomNonce() : null;
      const now = runtime.now();
      const id = newId('otx');
      const sealedVerifier = verifier ? runtime.vault.seal(verifier, { table: 'oauth_transactions', rowId: id, field: 'code_verifier' }) : null;
      await transactions.insert({
        id,
        state_hash: stateHash,
        account_id: account.id,
        link_id: link.id,
        connection_name: t.connection.name,
        code_verifier: sealedVerifier?.ciphertext ?? null,
        code_verifier_key_id: sealedVerifier?.keyId ?? null,
        nonce,
        redirect_uri: redirectUri,
        return_to: link.return_to,
        scopes: JSON.stringify(scopes),
        fields: Object.keys(fields).length > 0 ? JSON.stringify(fields) : null,
        expires_at: now + TRANSACTION_TTL_SECONDS * 1000,
        used_at: null,
        created_at: now,
      });
      const params: Record<string, string> = {
        ...(oauth.auth.authorizationParams ?? {}),
        ...t.connection.authorizationParams,
        response_type: 'code',
        redirect_uri: redirectUri,
        state,
      };
      if (scopes.length > 0) params.scope = scopes.join(oauth.scopeSeparator);
      if (verifier) {
        params.code_challenge = await client.calculatePKCECodeChallenge(verifier);
        params.code_challenge_method = 'S256';
      }
      if (nonce) params.nonce = nonce;
      const location = client.buildAuthorizationUrl(oauth.config, params).href;
      // Added to the transactions this browser already has in flight for the connection (other tabs).
      const inFlight = await readTransactionCookie(cookies[transactionCookieName(t.connection.name)], runtime.cookiePassword);
      return { location, cookie: await sealCookie(t.connection.name, [...inFlight, id]) };
    },

    /**
     * GET /callback/:connection. Everything that decides what happens comes from the stored
     * transaction (provider, redirect URI, verifier, account), never from the callback itself.
     */
    async complete(connectionName: string, query: URLSearchParams, cookies: Record<string, string>): Promise<CallbackResult & { cookie: TransactionCookie }> {
      const state = query.get('state');
      if (!state) throw invalidState('The callback has no state: start again from your app.');
      const stateHash = hashToken(state);
      const tx: TransactionRow | undefined = await transactions.findByStateHash(stateHash);
      if (!tx) throw invalidState('This authorization is unknown or was already completed: start again from your app.');
      if (tx.connection_name !== connectionName) throw invalidState('This callback does not belong to this connection.');
      if (tx.used_at !== null) throw invalidState('This authorization was already completed: start again from your app.');
      if (Number(tx.expires_at) <= runtime.now()) throw invalidState('This authorization took too long and expired: start again from your app.');
      const inFlight = await readTransactionCookie(cookies[transactionCookieName(tx.connection_name)], runtime.cookiePassword);
      if (!inFlight.includes(tx.id)) throw invalidState('This authorization was started in another browser: start again from your app.');
      // The browser's cookie afterwards: its other transactions for this connection, still usable.
      const remaining = () => sealCookie(tx.connection_name, inFlight.filter((other) => other !== tx.id));
      const fields = tx.fields ? (JSON.parse(tx.fields) as Record<string, string>) : {};
      const t = await target(tx.connection_name, fields);
      const oauth = await oauthClients.get(t);
      // Before the transaction is used up, error answers included: a forged or mixed-up response
      // must not end the person's real authorization.
      checkIssuer(oauth.config.serverMetadata(), query);
      if (!(await transactions.consume(tx.id, runtime.now()))) throw invalidState('This authorization was already completed: start again from your app.');

      const account = await internals.findRow({ id: tx.account_id });
      const providerError = query.get('error');
      if (providerError) {
        const code = providerError.replace(/[^a-z_]/gi, '').slice(0, 64) || 'error';
        const message = code === 'access_denied' ? 'Access was not granted.' : `The provider reported ${code}.`;
        await recordFailure(account, code);
        await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: code } });
        return { account: (await internals.findRow({ id: account.id })), returnTo: tx.return_to, error: { code, message }, cookie: await remaining() };
      }

      const verifier = tx.code_verifier ? runtime.vault.open<string>(tx.code_verifier, { table: 'oauth_transactions', rowId: tx.id, field: 'code_verifier' }) : undefined;
      // openid-client derives redirect_uri from this URL: rebuild it from the stored redirect URI
      // (never from the request's Host) plus the callback's query.
      const callbackUrl = new URL(tx.redirect_uri);
      callbackUrl.search = query.toString();
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(oauth.config, callbackUrl, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: tx.nonce ?? undefined,
          idTokenExpected: tx.nonce !== null,
        });
      } catch (error) {
        const failure = toOAuthFailure(error, 'The code exchange', { connection: tx.connection_name, accountId: account.id });
        await recordFailure(account, failure.oauthError ?? failure.kind);
        await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: failure.oauthError ?? failure.kind } });
        throw failure;
      }
      const now = runtime.now();
      const requested = JSON.parse(tx.scopes) as string[];
      const tokenSet = await withIntrospectedExpiry(oauth, toTokenSet(tokens, now, { refreshToken: null, scopes: requested }), now);
      let values: Record<string, string>;
      const context = consentContext(t, fields, tokens as unknown as Record<string, unknown>, tokenSet.stored);
      try {
        values = await capturedValues(t, fields, context);
      } catch (error) {
        const reason = isOnBehalfError(error) ? error.code : 'after_consent_failed';
        await recordFailure(account, reason);
        await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: reason } });
        throw error;
      }
      const identity = await consentIdentity(t, { ...context, values: { ...context.values, ...values } }, tokens.claims() as Record<string, unknown> | undefined);
      const subject = identity?.subject;
      const replace = tx.link_id ? await links.replacesIdentity(tx.link_id) : false;
      // The same provider account must not be connected twice under two aliases of one identifier.
      const duplicate = identity === undefined ? undefined
        : (await runtime.accountsRepo.listByOwner(account.connection_name, account.identifier, 100)).find((other) => other.id !== account.id && other.identity_subject === identity.subject && other.status !== 'REVOKED');
      if (duplicate) {
        await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: 'already_connected', alias: duplicate.alias } });
        throw identityRefusal('ACCOUNT_ALREADY_CONNECTED', account, t, duplicate);
      }
      // A link connects once: of two transactions started through it (two tabs, or a forwarded
      // link), the first to get here wins and the other is refused instead of replacing the
      // account it just connected. The claim is given back if the account cannot be written.
      const claimedAt = tx.link_id ? await links.claim(tx.link_id) : undefined;
      if (claimedAt === null) throw new OnBehalfError('LINK_USED', 'This authorization link has already been used to connect an account. Ask for a new one.');
      let previousSubject: string | undefined;
      let activated: AccountRow;
      try {
        activated = await internals.withRetry({ id: account.id }, async (current) => {
          if (current.status === 'SUSPENDED') throw new OnBehalfError('ACCOUNT_SUSPENDED', 'This account was suspended during authorization.');
          // revoke() deletes the account's transactions before it writes REVOKED, and this write is
          // conditional on the row version read here: a transaction still present now means no
          // revocation started since this read, so a revoke during the exchange always wins.
          if (!(await transactions.findByStateHash(stateHash))) {
            throw invalidState('This account was disconnected while the authorization was in progress: start again from your app.');
          }
          previousSubject = current.identity_subject ?? storedSubject(current);
          // A reconnect that brings back another provider account would silently point the app's
          // agents at someone else's data: refused (the account keeps its tokens) unless the link
          // asked for a replacement. A REVOKED account holds no tokens any more: anyone may connect it.
          if (previousSubject !== undefined && subject !== undefined && previousSubject !== subject && !replace && current.status !== 'REVOKED') {
            throw identityRefusal('ACCOUNT_IDENTITY_MISMATCH', current, t);
          }
          const sealed = internals.sealCredentials(current.id, tokenSet.stored);
          return internals.transition(current, 'ACTIVE', null, {
            credentials: sealed.ciphertext,
            credentials_key_id: sealed.keyId,
            scopes: JSON.stringify(tokenSet.scopes),
            account_values: JSON.stringify(values),
            ...(identity ? { identity_subject: identity.subject, identity_display: identity.display ?? null } : {}),
            expires_at: tokenSet.expiresAt,
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
        if (isOnBehalfError(error, 'ACCOUNT_IDENTITY_MISMATCH')) {
          await runtime.audit.record({ type: 'account.authorization_failed', accountId: account.id, connection: account.connection_name, identifier: account.identifier, data: { error: 'identity_mismatch' } });
        }
        throw error;
      }
      const who = { accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier };
      if (previousSubject !== undefined && subject !== undefined && previousSubject !== subject) {
        // Allowed (a person may reconnect with another account on purpose), but never silent:
        // the app's agents now act in someone else's provider account.
        await runtime.audit.record({ type: 'account.identity_changed', ...who, data: { previousSubject, subject } });
        runtime.logger.warn('onbehalf re-authorization connected another provider identity', { accountId: activated.id, connection: activated.connection_name });
      }
      await runtime.audit.record({ type: 'account.authorized', accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier, data: { scopes: tokenSet.scopes } });
      runtime.events.emit('account.authorized', { accountId: activated.id, connection: activated.connection_name, identifier: activated.identifier, scopes: tokenSet.scopes });
      return { account: activated, returnTo: tx.return_to, cookie: await remaining() };
    },
  };
}

export type AuthorizationFlow = ReturnType<typeof createAuthorizationFlow>;
