import type { ZodType } from 'zod';

/** The shape of a token endpoint answer after a provider's quirks have been smoothed out. */
export interface NormalizedTokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
  [key: string]: unknown;
}

/** What every auth method may declare besides its type. */
export interface AuthMethodBase {
  /**
   * The API base URL when this method is used, if it differs from `api.baseUrl` (Jira's OAuth
   * apps call `api.atlassian.com/ex/jira/{cloudId}`, its API tokens the site's own host).
   */
  apiBaseUrl?: string;
  /** This method's own `api.verify` request, when the default one does not apply to it. */
  verify?: { method?: string; path: string };
}

export interface OAuth2Auth extends AuthMethodBase {
  type: 'oauth2';
  /** OIDC issuer: when set, endpoints come from discovery and `iss`/id tokens are checked. */
  issuer?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  /**
   * Where the refresh grant goes when it is not the token endpoint (Figma's `/v1/oauth/refresh`).
   * Its answer may carry no refresh token: the old one is kept, as for any refresh.
   */
  refreshUrl?: string;
  revocationUrl?: string;
  userinfoUrl?: string;
  /** Scopes every connection of this provider asks for on top of its own. */
  defaultScopes?: string[];
  scopeSeparator?: string;
  /**
   * PKCE S256, sent on every flow, even when the discovery metadata does not list S256 (a warning
   * is logged then). Set `false` only for a provider that refuses PKCE. `'opt-in'`: off unless
   * the connection's `pkce` setting is `'on'` (Slack, where PKCE is an irreversible app setting;
   * the provider declares that setting).
   */
  pkce?: boolean | 'opt-in';
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** Extra query parameters for the authorization request (e.g. Google's access_type=offline). */
  authorizationParams?: Record<string, string>;
  /**
   * RFC 6749 form-encodes the id and secret inside HTTP Basic; some providers (Notion) compare
   * the raw values, so a secret with '-' or '_' would fail unless sent as it is.
   */
  clientSecretBasicEncoding?: 'rfc6749' | 'raw';
  /** Notion takes the token request as JSON instead of the standard form encoding. */
  tokenRequestBody?: 'form' | 'json';
  /**
   * Extra parameters for both token grants (code exchange and refresh): Zendesk's
   * `expires_in: '1800'`, without which clients from before its expiry rules get tokens that
   * never expire and never refresh. A parameter the request already has is left as it is.
   */
  tokenRequestParams?: Record<string, string>;
  /**
   * Reads a token endpoint error that is not OAuth's `{ error }` shape (HubSpot's
   * `{ status: 'BAD_REFRESH_TOKEN', message }`, Figma's `{ error: true, message }`) as one:
   * return `{ error: 'invalid_grant' }` for a dead grant (the account becomes EXPIRED),
   * `invalid_client` for refused app credentials, undefined to leave the answer as it is.
   */
  normalizeTokenError?: (raw: Record<string, unknown>) => { error: string; error_description?: string } | undefined;
  /**
   * Seconds before expiry at which a token counts as due for refresh. Default 300 (or the
   * `refresh.marginSeconds` setting), never more than half the token's own lifetime.
   */
  refreshMarginSeconds?: number;
  /** RFC 7662 token introspection endpoint, when discovery does not name one. */
  introspectionUrl?: string;
  /**
   * The provider sends no `expires_in` and its access tokens are not JWTs: ask the introspection
   * endpoint for each new token's `exp`. Without this (or a JWT `exp`) such tokens are used until
   * the API answers 401, then refreshed once.
   */
  expiryFromIntrospection?: boolean;
  /**
   * Turns the provider's raw token response into the standard shape: the place for quirks like
   * GitHub's 200-with-error or Slack's `authed_user`. Throw an OAuth-style error object
   * `{ error, error_description }` to report a failure that came back with HTTP 200.
   */
  normalizeTokenResponse?: (raw: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Revocation for providers that do not speak RFC 7009 (Slack's `auth.revoke` with the access
   * token, GitHub's `DELETE /applications/{client_id}/grant` with the app's own credentials,
   * Notion's JSON request). Resolve `true` only when the provider confirmed the revocation; throw
   * (or resolve `false`) otherwise: `revoke()` then reports `revokedAtProvider: false` and still
   * deletes the tokens locally.
   */
  revoke?: (context: RevokeContext) => Promise<boolean>;
  /**
   * Values the person gives before consent because the authorization URL depends on them
   * (Zendesk's `subdomain`, Salesforce's `loginHost`): `authorizationLink({ fields })`, or the
   * hosted page asks for the missing required ones first. A field named like one of the
   * provider's `settings` takes the connection's setting as its default. Stored on the account
   * (`account.values`): never secret.
   */
  fields?: CredentialField[];
  /**
   * Runs after the code exchange, before the account turns ACTIVE: captures what later requests
   * need from the token response or one API call (Salesforce's instance host, the Atlassian
   * cloudId, HubSpot's portal id). What it returns is stored on the account (`account.values`,
   * never secret) and fills `{name}` placeholders of the provider's URLs. Throw an
   * `OnBehalfError` to refuse the connection with that message.
   */
  afterConsent?: (context: AfterConsentContext) => Promise<Record<string, string>> | Record<string, string>;
  /** Declares the values `afterConsent` returns, with the pattern each must match to fill a URL. */
  accountValues?: CredentialField[];
  /**
   * Who the connected account is at the provider, for a provider without OIDC ID tokens (or one
   * whose ID token is not asked for): one cheap "who am I" call (`/user`, `auth.test`, Graph `/me`)
   * or a field of the token response. The subject is what reconnects are compared on (same
   * subject: the account is updated in place; another one: refused unless the link says
   * `replace`); `display` (an email or login) is shown to people. Return undefined when unknown.
   * Without it, an ID token's `sub` (and `email`) is used when the provider issues one. Its
   * `values` include what `afterConsent` captured, so an identity already read there costs nothing.
   */
  identity?: (context: AfterConsentContext) => Promise<ProviderIdentity | undefined> | ProviderIdentity | undefined;
  /**
   * Scopes that include others (Gmail's `gmail.modify` covers `gmail.readonly`): scope → the
   * narrower scopes it grants. Declaring it (`{}` when no scope covers another) turns on the check
   * before a tool runs: an account whose grant holds none of the tool's declared scopes gets
   * INVALID_PERMISSIONS with an upgrade link instead of a request. Declare it only where the
   * scopes a token reports are the ones it has.
   */
  scopeImplies?: Record<string, string[]>;
}

/** The provider's own identity of a connected account. Never a token. */
export interface ProviderIdentity {
  /** Stable id at the provider (OIDC `sub`, a user id; for a workspace-scoped token, workspace and user together). */
  subject: string;
  /** An email or login for people to read. */
  display?: string | null;
}

/** What a provider's `afterConsent` receives. */
export interface AfterConsentContext {
  /** The token endpoint's answer after `normalizeTokenResponse` (a normalizer keeps what this reads). */
  tokenResponse: Record<string, unknown>;
  /** The connection's settings and the person's pre-consent fields. */
  values: Record<string, string>;
  /**
   * `fetch` authenticated with the new access token: a path is relative to the API base URL
   * (filled with `values`), an absolute URL is used as it is. Bounded by the token request timeout.
   */
  fetch: (pathOrUrl: string, init?: RequestInit) => Promise<Response>;
  /** The API base URL template, placeholders unfilled (the connection's override or the provider's). */
  apiBaseUrl: string;
  connection: { name: string; settings: Record<string, string> };
}

/** What a provider's own `revoke` receives. */
export interface RevokeContext {
  accessToken: string;
  refreshToken: string | null;
  clientId: string | null;
  clientSecret: string | null;
  /** The connection's `endpoints.revocationUrl` or the provider's `revocationUrl`, when there is one. */
  revocationUrl: string | undefined;
  /** The API base URL of this account (placeholders filled). */
  apiBaseUrl: string;
  /** `fetch` bounded by the token request timeout. */
  fetch: typeof fetch;
}

export interface CredentialField {
  name: string;
  label: string;
  /** Secret fields are encrypted with the credentials and rendered as password inputs. */
  secret?: boolean;
  required?: boolean;
  pattern?: string;
  placeholder?: string;
  help?: string;
  /** The value when none is given (a connection setting such as Microsoft's `tenant: 'common'`). */
  default?: string;
}

export interface ApiKeyAuth extends AuthMethodBase {
  type: 'api_key';
  /** How the key travels: a header (default `Authorization`) with a template, or a query parameter. */
  header?: string;
  template?: string;
  queryParam?: string;
  /**
   * Several query parameters, each a template over the fields (Trello's
   * `{ key: '{apiKey}', token: '{token}' }`), for APIs that take the key and a user token together.
   */
  queryParams?: Record<string, string>;
  fields?: CredentialField[];
}

export interface BasicAuth extends AuthMethodBase {
  type: 'basic';
  fields?: CredentialField[];
}

export interface BearerAuth extends AuthMethodBase {
  type: 'bearer';
  fields?: CredentialField[];
}

/**
 * OAuth 1.0a, three-legged (RFC 5849; Trello): a signed request for a temporary token, the
 * person's consent at `authorizationUrl`, then a signed exchange of the token and its verifier
 * for an access token and secret. Every API request is then signed with HMAC-SHA1 over its
 * method, URL and query. Tokens do not expire by themselves and there is no refresh.
 */
export interface OAuth1Auth extends AuthMethodBase {
  type: 'oauth1';
  requestTokenUrl: string;
  authorizationUrl: string;
  /** The access token endpoint (`OAuthGetAccessToken`). */
  tokenUrl: string;
  /** The only signature method the engine signs with. */
  signatureMethod?: 'HMAC-SHA1';
  /** Scopes every connection asks for on top of its own, sent as `scope` on the authorization URL. */
  defaultScopes?: string[];
  scopeSeparator?: string;
  /** Extra query parameters for the authorization URL (Trello's `expiration=never`, `name`). */
  authorizationParams?: Record<string, string>;
  /**
   * Revokes the access token at the provider (Trello's `DELETE /1/tokens/{token}`). Resolve `true`
   * only when the provider confirmed it; otherwise `revoke()` reports `revokedAtProvider: false`.
   */
  revoke?: (context: OAuth1RevokeContext) => Promise<boolean>;
  /**
   * After an API call answered 401: whether the provider still takes the token (Trello's
   * `GET /1/tokens/{token}`), since OAuth 1.0a has no refresh to try. `false` (revoked in the
   * provider's settings, or past a chosen `expiration`) turns the account EXPIRED; `true` means the
   * 401 was about something else (a permission) and nothing changes, as when it throws.
   */
  checkToken?: (context: OAuth1RevokeContext) => Promise<boolean>;
  /**
   * Runs after the verifier exchange, before the account turns ACTIVE, as `OAuth2Auth.afterConsent`
   * does (its `fetch` signs each request with the new token; `tokenResponse` is the access token
   * answer without the token and its secret): captures who the account is (Trello's member id).
   */
  afterConsent?: (context: AfterConsentContext) => Promise<Record<string, string>> | Record<string, string>;
  /** Declares the values `afterConsent` returns, with the pattern each must match. */
  accountValues?: CredentialField[];
}

/** What an OAuth 1.0a provider's own `revoke` receives. */
export interface OAuth1RevokeContext {
  token: string;
  /** The consumer (API) key: the connection's `clientId`. */
  consumerKey: string;
  /** The API base URL of this account. */
  apiBaseUrl: string;
  /** `fetch` that signs each request with the consumer and the account's token, bounded by the token request timeout. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
}

/**
 * A signed JWT (service accounts, app keys): the account holds a private key and the values of
 * the claims (`ob.accounts.setCredentials`); onbehalf signs an assertion with it and turns that
 * into an access token, cached and re-minted under the refresh lease like an OAuth token. There is
 * no consent and no refresh token: a due token is replaced by minting a new one.
 */
export interface JwtAuth extends AuthMethodBase {
  type: 'jwt';
  /**
   * What `setCredentials` takes. The secret ones (the key) stay sealed and never come back out;
   * the others are shown in `getCredentials().fields`.
   */
  fields: CredentialField[];
  /** RFC 7523 token endpoint for `exchange: 'jwt-bearer'` (a connection's `endpoints.tokenUrl` overrides it). */
  tokenUrl?: string;
  /** Scopes every connection asks for on top of its own (`context.scopes`). */
  defaultScopes?: string[];
  /**
   * The assertion for one account: which credential value is the key (PEM — PKCS#8, PKCS#1 or
   * SEC1 — or a JWK as JSON) and the claims. `iat`/`exp` default to now and now + 1 hour.
   */
  assertion: (context: JwtAssertionContext) => JwtAssertion;
  /**
   * How the assertion becomes a token: `'jwt-bearer'` (default) posts it to `tokenUrl` as the
   * RFC 7523 grant; `'assertion'` sends the assertion itself as the bearer (valid until its `exp`);
   * a function makes the provider's own call (GitHub's installation token endpoint).
   */
  exchange?: 'jwt-bearer' | 'assertion' | ((context: JwtExchangeContext) => Promise<JwtToken>);
  /** As `OAuth2Auth.refreshMarginSeconds`: how long before expiry a new token is minted. */
  refreshMarginSeconds?: number;
  /**
   * Revokes the last minted token at the provider (GitHub's `DELETE /installation/token`). Resolve
   * `true` only when the provider confirmed it; `revoke()` deletes the key and token locally anyway.
   */
  revoke?: (context: { accessToken: string; apiBaseUrl: string; fetch: typeof fetch }) => Promise<boolean>;
}

/** What a `JwtAuth.assertion` builder receives. */
export interface JwtAssertionContext {
  /** The account's credential values (the key among them). */
  values: Record<string, string>;
  /** The token endpoint the assertion goes to, when the exchange is RFC 7523 (the usual `aud`). */
  tokenUrl: string | undefined;
  /** The connection's scopes and the method's default ones. */
  scopes: string[];
  /** Seconds since the epoch. */
  now: number;
}

export interface JwtAssertion {
  /** The private key: PEM, or a JWK as JSON. */
  privateKey: string;
  /** Default RS256. */
  algorithm?: string;
  keyId?: string;
  claims: Record<string, unknown>;
}

/** What a provider's own `JwtAuth.exchange` receives. */
export interface JwtExchangeContext {
  /** The signed assertion (GitHub's app JWT). */
  assertion: string;
  values: Record<string, string>;
  /** The API base URL of this account (placeholders filled). */
  apiBaseUrl: string;
  /** `fetch` bounded by the token request timeout. */
  fetch: typeof fetch;
}

/** A minted access token. */
export interface JwtToken {
  accessToken: string;
  tokenType?: string;
  /** Milliseconds since the epoch; null when the provider gives no expiry. */
  expiresAt: number | null;
  scopes?: string[];
}

export type ProviderAuth = OAuth2Auth | OAuth1Auth | ApiKeyAuth | BasicAuth | BearerAuth | JwtAuth;
export type AuthType = ProviderAuth['type'];

/** What a provider's error body says, for PROVIDER_API_ERROR: its own message and error code. */
export interface ProviderErrorInfo {
  message?: string;
  code?: string;
}

export interface ProviderApi {
  /**
   * May contain `{name}` placeholders, filled from the account's values and credential fields
   * and the connection's settings (e.g. `https://{subdomain}.atlassian.net`).
   */
  baseUrl: string;
  headers?: Record<string, string>;
  /**
   * Reads the provider's error body shape (`{ ok: false, error }`, `{ object: 'error', code, message }`…).
   * Default: `{ message }`, `{ code }` and OAuth-style `{ error, error_description }`.
   */
  parseError?: (body: unknown) => ProviderErrorInfo;
  /** A cheap authenticated request that proves the credentials work (used by the hosted form). */
  verify?: { method?: string; path: string };
}

export interface ProviderDefinition {
  id: string;
  name: string;
  description?: string;
  /** Documentation for registering an app / creating a key, shown to developers. */
  docsUrl?: string;
  /**
   * The ways to authenticate there, the OAuth app flow first when there is one (most providers also
   * take a personal token); a connection picks one with `auth`, by default the first. One method
   * per type.
   */
  auth: ProviderAuth | readonly ProviderAuth[];
  api: ProviderApi;
  /**
   * Values each connection sets (`connections.upsert({ settings })`): Microsoft's `tenant`,
   * GitLab's `host`, Salesforce's `loginHost`. They fill `{name}` placeholders of the provider's
   * OAuth URLs and API base URL; a field's `default` applies when a connection leaves it out.
   */
  settings?: CredentialField[];
  /**
   * Tools found at run time instead of declared: a remote MCP server's (`@onbehalf/mcp`'s
   * `defineMcpProvider`). They are listed per connection and run like declared tools, with the
   * calling identifier's account.
   */
  toolSource?: ProviderToolSource;
}

/** Where a provider's run-time tools come from; see `ProviderDefinition.toolSource`. */
export interface ProviderToolSource {
  /**
   * The tools of one connection. Asked on every listing and execution, so it answers from its own
   * cache, and the same array while nothing changed: the tool index is rebuilt only when it
   * changes. A failure lists no tools for the connection this time (logged) and is asked again.
   */
  list(context: ToolSourceContext): Promise<readonly SourcedTool[]>;
}

export interface ToolSourceContext {
  /** The connection's name. */
  connection: string;
  /**
   * Authenticated as an ACTIVE account of the connection (any one: a server lists the same tools
   * to everyone), against the provider's API base URL. Throws AUTHORIZATION_REQUIRED while no
   * account of the connection is connected.
   */
  fetch(pathOrUrl: string | URL, init?: RequestInit): Promise<Response>;
}

/** A run-time tool: a tool definition without its provider (the source's own). */
export interface SourcedTool {
  /** Letters, digits and '_', at most 64, unique within the provider: the listed name. */
  readonly name: string;
  readonly description: string;
  /** A zod object schema the input is validated with. */
  readonly input: ZodType;
  readonly scopes?: readonly string[];
  /** The tool changes something (see ToolDefinition.writes). */
  readonly writes?: boolean;
  /** Runs with the calling identifier's account: `context.fetch` is authenticated as it, a 401 refreshes once. */
  execute(input: unknown, context: SourcedToolContext): Promise<unknown> | unknown;
}

/** The part of a tool's context a sourced tool gets. */
export interface SourcedToolContext {
  fetch(pathOrUrl: string | URL, init?: RequestInit): Promise<Response>;
  connection: string;
  signal: AbortSignal;
}

/**
 * A declared provider. `auth` is the method in use: the first declared one, or — for the provider
 * of a connection (`connections.providerOf`) — the one the connection picked, with that method's
 * `apiBaseUrl` already in `api.baseUrl`. `authMethods` lists every method it offers.
 */
export interface Provider extends Readonly<Omit<ProviderDefinition, 'auth'>> {
  readonly auth: ProviderAuth;
  readonly authMethods: readonly ProviderAuth[];
}
