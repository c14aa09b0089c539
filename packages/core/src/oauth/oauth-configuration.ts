import * as client from 'openid-client';
import type { Connection } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { fillUrlTemplate, urlPlaceholders, type OAuth2Auth, type Provider } from '../providers/index.ts';
import { toOAuthFailure } from './oauth-errors.ts';
import { normalizingFetch } from './token-response.ts';

export interface OAuthTarget {
  connection: Connection;
  clientSecret: string | undefined;
  provider: Provider;
  /**
   * The account's values for `{name}` placeholders in the provider's OAuth URLs (a Zendesk
   * subdomain, a Salesforce login host), over the connection's settings.
   */
  values?: Record<string, string>;
}

export interface OAuthClient {
  config: client.Configuration;
  auth: OAuth2Auth;
  usePkce: boolean;
  /** Whether id tokens are expected (OIDC issuer and the openid scope requested). */
  isOidc: boolean;
  scopeSeparator: string;
  hasRevocation: boolean;
}

const placeholderNames = new WeakMap<Provider, string[]>();

/** The `{name}` placeholders of the provider's OAuth URLs (not its API URL), sorted. */
function oauthPlaceholders(provider: Provider): string[] {
  let names = placeholderNames.get(provider);
  if (!names) {
    const auth = provider.auth;
    names = [...new Set(Object.entries(auth).flatMap(([key, value]) => (typeof value === 'string' && (key === 'issuer' || key.endsWith('Url')) && key !== 'apiBaseUrl' ? urlPlaceholders(value) : [])))].sort();
    placeholderNames.set(provider, names);
  }
  return names;
}

/** The OAuth method with its `{name}` placeholders filled (Microsoft's `{tenant}`, Zendesk's `{subdomain}`). */
function filledOAuthUrls(provider: Provider, auth: OAuth2Auth, values: Record<string, string>): OAuth2Auth {
  if (oauthPlaceholders(provider).length === 0) return auth;
  const filled: Record<string, unknown> = { ...auth };
  for (const [key, value] of Object.entries(auth)) {
    if (typeof value === 'string' && (key === 'issuer' || key.endsWith('Url')) && key !== 'apiBaseUrl') filled[key] = fillUrlTemplate(provider, value, values, 'OAuth URL');
  }
  return filled as unknown as OAuth2Auth;
}

/**
 * The connection's own OAuth endpoints with their `{name}` placeholders filled like the provider's
 * (a sandbox or proxy standing in for Microsoft at `http://127.0.0.1:4000/{tenant}/oauth2/v2.0/token`
 * keeps the tenant of each connection). The API base URL is filled where requests are made.
 */
function filledEndpoints(provider: Provider, endpoints: Connection['endpoints'], values: Record<string, string>): Connection['endpoints'] {
  const filled: Record<string, string | undefined> = { ...endpoints };
  for (const [key, value] of Object.entries(endpoints)) {
    if (key !== 'apiBaseUrl' && typeof value === 'string' && value.includes('{')) filled[key] = fillUrlTemplate(provider, value, values, 'OAuth URL');
  }
  return filled as Connection['endpoints'];
}

/** The placeholders of a connection's own OAuth endpoints (not its API base URL). */
function endpointPlaceholders(endpoints: Connection['endpoints']): string[] {
  return Object.entries(endpoints).flatMap(([key, value]) => (key !== 'apiBaseUrl' && typeof value === 'string' ? urlPlaceholders(value) : []));
}

/** Default bound on one call to the token endpoint; the refresh lease must outlast it (see refresh settings). */
export const DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS = 10;
/** Discovery happens before any lease is taken, so it may take longer. */
const DISCOVERY_TIMEOUT_SECONDS = 20;

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/** HTTP Basic with the id and secret as they are, for providers that do not form-decode them. */
function rawClientSecretBasic(clientId: string, clientSecret: string): client.ClientAuth {
  return (_as, _client, _body, headers) => {
    headers.set('authorization', `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
  };
}

/**
 * openid-client configurations, one per connection version. Providers with an issuer and no
 * explicit endpoints are discovered (OIDC); the rest get manual metadata. Plain-http endpoints are
 * allowed only on loopback addresses (the sandbox, local test servers).
 */
export function createOAuthClients(options: { tokenRequestTimeoutSeconds?: number; logger?: Logger } = {}) {
  const { logger } = options;
  const tokenRequestTimeout = options.tokenRequestTimeoutSeconds ?? DEFAULT_TOKEN_REQUEST_TIMEOUT_SECONDS;
  const cache = new Map<string, Promise<OAuthClient>>();

  async function build({ connection, clientSecret, provider, values }: OAuthTarget): Promise<OAuthClient> {
    if (provider.auth.type !== 'oauth2') throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${provider.id}' does not use OAuth 2.0.`);
    const auth = filledOAuthUrls(provider, provider.auth, { ...connection.settings, ...values });
    const ep = filledEndpoints(provider, connection.endpoints, { ...connection.settings, ...values });
    const explicitUrls = Boolean(ep.authorizationUrl || ep.tokenUrl);
    // A connection that names only an issuer is pointed at another server: discover everything there.
    const discover = ep.issuer ? !explicitUrls : Boolean(auth.issuer && !auth.authorizationUrl && !auth.tokenUrl);
    const issuer = ep.issuer ?? auth.issuer;
    const method = auth.tokenEndpointAuthMethod ?? (clientSecret ? 'client_secret_basic' : 'none');
    const clientAuth = method === 'none' || !clientSecret ? client.None()
      : method === 'client_secret_post' ? client.ClientSecretPost(clientSecret)
      : auth.clientSecretBasicEncoding === 'raw' ? rawClientSecretBasic(connection.clientId!, clientSecret)
      : client.ClientSecretBasic(clientSecret);
    // Like the revocation endpoint: a connection that moves the token endpoint leaves the provider's
    // own refresh URL behind (its refresh then goes to the token endpoint it named).
    const refreshUrl = ep.refreshUrl ?? (explicitUrls || ep.issuer ? undefined : auth.refreshUrl);
    if (refreshUrl?.startsWith('http:') && !isLoopback(refreshUrl)) {
      throw new OnBehalfError('CONFIGURATION_ERROR', `Connection '${connection.name}': the refresh URL must use https.`);
    }
    const insecure = [issuer, ep.authorizationUrl, ep.tokenUrl, auth.authorizationUrl, auth.tokenUrl].some((u) => u?.startsWith('http:') && isLoopback(u));
    const execute = insecure ? [client.allowInsecureRequests] : [];

    let config: client.Configuration;
    if (discover) {
      try {
        config = await client.discovery(new URL(issuer!), connection.clientId!, undefined, clientAuth, { execute, timeout: DISCOVERY_TIMEOUT_SECONDS });
      } catch (error) {
        throw toOAuthFailure(error, `Discovery of ${issuer}`, { connection: connection.name });
      }
    } else {
      const tokenUrl = ep.tokenUrl ?? auth.tokenUrl!;
      const sameServer = !explicitUrls || !ep.issuer;
      config = new client.Configuration(
        {
          issuer: (sameServer ? issuer : undefined) ?? new URL(tokenUrl).origin,
          authorization_endpoint: ep.authorizationUrl ?? auth.authorizationUrl,
          token_endpoint: tokenUrl,
          revocation_endpoint: ep.revocationUrl ?? (explicitUrls ? undefined : auth.revocationUrl),
          userinfo_endpoint: ep.userinfoUrl ?? (explicitUrls ? undefined : auth.userinfoUrl),
          introspection_endpoint: explicitUrls ? undefined : auth.introspectionUrl,
        },
        connection.clientId!,
        undefined,
        clientAuth,
      );
      for (const fn of execute) fn(config);
    }
    config.timeout = tokenRequestTimeout;
    const metadata = config.serverMetadata();
    if (!metadata.token_endpoint || !metadata.authorization_endpoint) {
      throw new OnBehalfError('CONFIGURATION_ERROR', `Connection '${connection.name}': the provider metadata has no authorization or token endpoint.`);
    }
    config[client.customFetch] = normalizingFetch(metadata.token_endpoint, auth.normalizeTokenResponse, auth.tokenRequestBody, refreshUrl, { tokenRequestParams: auth.tokenRequestParams, normalizeTokenError: auth.normalizeTokenError });
    // Many servers take S256 without listing it (or list only `plain`): dropping PKCE on their word
    // would weaken every flow, so only a provider definition that says `pkce: false` turns it off
    // (or `'opt-in'`, where the connection decides).
    const usePkce = auth.pkce === 'opt-in' ? connection.settings.pkce === 'on' : auth.pkce !== false;
    const methods = metadata.code_challenge_methods_supported;
    if (usePkce && methods && !methods.includes('S256')) {
      // Once per connection version and process: the client is built once and cached.
      logger?.warn('onbehalf: the provider metadata does not list S256 PKCE; sending it anyway (define the provider with pkce: false if it refuses PKCE)', {
        connection: connection.name,
        provider: provider.id,
        codeChallengeMethods: methods,
      });
    }
    return {
      config,
      auth,
      usePkce,
      isOidc: discover || Boolean(metadata.jwks_uri),
      scopeSeparator: auth.scopeSeparator ?? ' ',
      hasRevocation: Boolean(metadata.revocation_endpoint),
    };
  }

  /** One client per connection version, and per account value its OAuth URLs are built from. */
  const keyOf = (connection: Connection, provider: Provider, values?: Record<string, string>) => {
    const base = `${connection.name}\u0000${connection.updatedAt.getTime()}\u0000${provider.id}`;
    const names = [...new Set([...oauthPlaceholders(provider), ...endpointPlaceholders(connection.endpoints)])];
    return names.length === 0 ? base : `${base}\u0000${names.map((name) => values?.[name] ?? connection.settings[name] ?? '').join('\u0000')}`;
  };

  return {
    /** How long a request to the provider's OAuth endpoints may take. */
    tokenRequestTimeoutSeconds: tokenRequestTimeout,
    /** The client already built for this version of the connection, if any (no secret needed to find it). */
    built(connection: Connection, provider: Provider, values?: Record<string, string>): Promise<OAuthClient> | undefined {
      return cache.get(keyOf(connection, provider, values));
    },
    get(target: OAuthTarget): Promise<OAuthClient> {
      const key = keyOf(target.connection, target.provider, target.values);
      let entry = cache.get(key);
      if (!entry) {
        entry = build(target);
        cache.set(key, entry);
        // A failed discovery must not be cached: the next request tries again.
        entry.catch(() => cache.delete(key));
      }
      return entry;
    },
  };
}

export type OAuthClients = ReturnType<typeof createOAuthClients>;
