import type { IncomingMessage, ServerResponse } from 'node:http';

/** An OAuth client registered at the sandbox (the app under test, one per connection). */
export interface SandboxClient {
  clientId: string;
  /** Omit for a public client (`tokenEndpointAuthMethod: 'none'`). */
  clientSecret?: string;
  redirectUris: string[];
  /**
   * Default `client_secret_basic` with a secret, `none` without. oidc-provider accepts the secret
   * in either the Authorization header or the body for both secret methods, so tests need not care
   * which default their OAuth library picks.
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none';
  /**
   * The catalog provider this client stands for: its token responses are answered in that
   * provider's dialect (Salesforce's `instance_url` and no `expires_in`), see `ProviderDialect.tokenResponse`.
   */
  provider?: string;
}

/**
 * A service account for the RFC 7523 JWT bearer grant (Google's domain-wide delegation): its
 * assertions are verified with `publicKey`; `subjects` and `scopes` limit what the delegation
 * covers (any when left out).
 */
export interface SandboxServiceAccount {
  /** The assertion's `iss` (a Google service account's `client_email`); also its client id. */
  issuer: string;
  /** PEM, a JWK, or a KeyObject; a private key's public half is used. */
  publicKey: string | import('node:crypto').JsonWebKey | import('node:crypto').KeyObject;
  subjects?: string[];
  scopes?: string[];
}

/** Optional profile claims of a sandbox user; any login name is accepted whether listed or not. */
export interface SandboxUser {
  name?: string;
  email?: string;
}

export interface SandboxOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  port?: number;
  /** Access token lifetime in seconds; default 3600. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds; default 14 days. */
  refreshTokenTtl?: number;
  /**
   * Default true: every refresh returns a new refresh token and consumes the old one; presenting a
   * consumed refresh token again answers invalid_grant and revokes the whole grant (reuse detection).
   */
  rotateRefreshTokens?: boolean;
  /** Default true: authorization requests must carry a PKCE S256 code_challenge. */
  requirePkce?: boolean;
  clients?: SandboxClient[];
  /**
   * Accept Client ID Metadata Documents (the MCP authorization spec's way to identify a client
   * without registering it): a client id that is an http(s) URL is fetched, and the JSON there,
   * whose `client_id` must be that URL, is the client's metadata (a public client, PKCE). Advertised
   * as `client_id_metadata_document_supported`. Default false.
   */
  clientIdMetadataDocuments?: boolean;
  users?: Record<string, SandboxUser>;
  /**
   * Extra scope values to accept besides openid/profile/email/offline_access. Scopes that appear in
   * the query of a GET authorization request are accepted on the fly anyway; listing them here is
   * only needed for scopes that arrive another way (POST authorization requests, PAR).
   */
  scopes?: string[];
}

/** What an access token means, as seen by a resource server (the mock APIs). */
export interface AccessTokenInfo {
  /** The user's login name. */
  sub: string;
  clientId: string;
  scopes: string[];
  /** Expiry, in milliseconds since the epoch (comparable with `Date.now()`). */
  expiresAt: number;
  /** The RFC 8707 resource the token was issued for, when the client named one. */
  audience?: string;
}

/** RFC 7662-shaped answer of `sandbox.introspect`. */
export interface IntrospectionResult {
  active: boolean;
  sub?: string;
  scope?: string;
  client_id?: string;
  /** `Bearer` for access tokens; absent for refresh tokens (as oidc-provider answers). */
  token_type?: string;
  /** Expiry in seconds since the epoch, as in RFC 7662. */
  exp?: number;
  /** The resource an access token was issued for (RFC 8707), when the client named one. */
  aud?: string;
}

/** One call to the token endpoint, successful or not. */
export interface TokenRequestRecord {
  grantType: string;
  clientId?: string;
  ok: boolean;
  /** The OAuth `error` code of a failed call (`invalid_grant`, `temporarily_unavailable`, …). */
  error?: string;
  /** HTTP status of the answer. */
  status: number;
  /** When the call was answered, `Date.now()`. */
  at: number;
}

export interface TokenRequestFilter {
  grantType?: string;
  clientId?: string;
  ok?: boolean;
}

export type SandboxRouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface ConsentOptions {
  /** Login name to sign in as (any name is accepted). */
  user: string;
  /** Press "Deny" on the consent screen: the callback then carries error=access_denied. */
  deny?: boolean;
}

export interface ConsentResult {
  /** The redirect to the client's redirect_uri (code, state, iss — or error), not requested. */
  callbackUrl: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`; discovery at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** Same origin as the issuer; base for routes mounted with `use`. */
  readonly url: string;
  /** Registers (or replaces) a client; effective for the next request. */
  addClient(client: SandboxClient): void;
  /**
   * Registers a key for the JWT bearer grant (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
   * at the token endpoint, `aud` = `${issuer}/token`): the way Google service accounts get tokens.
   */
  addServiceAccount(account: SandboxServiceAccount): void;
  /** Destroys every grant, authorization code, access token and refresh token of that user. */
  revokeGrants(userId: string): Promise<void>;
  /** In-process check for resource servers: undefined when unknown, expired or revoked. */
  verifyAccessToken(token: string): Promise<AccessTokenInfo | undefined>;
  introspect(token: string): Promise<IntrospectionResult>;
  /** Every call to the token endpoint, in order (live array). */
  readonly tokenRequests: TokenRequestRecord[];
  countTokenRequests(filter?: TokenRequestFilter): number;
  /** The next `n` token endpoint calls answer HTTP `status` (default 503) with a JSON error body. */
  failNextTokenRequests(n: number, status?: number): void;
  /**
   * The next `n` token endpoint calls are held `ms` before they are processed: a provider that
   * hangs. A call whose client gave up meanwhile (timeout, killed process) is dropped unprocessed,
   * so the refresh token it carried is not consumed.
   */
  stallNextTokenRequests(n: number, ms: number): void;
  /**
   * The next `n` successful token responses (`Infinity`: all) are processed normally, then their
   * JSON body is replaced by `rewrite(body)` (a string is sent as it is): malformed answers that
   * may still carry the rotated refresh token, or answers without `expires_in`.
   */
  rewriteNextTokenResponses(n: number, rewrite: (body: Record<string, unknown>) => unknown): void;
  /** Token endpoint calls received and not answered yet. */
  readonly tokenRequestsInFlight: number;
  /** Changes the lifetime of access tokens issued from now on and whether refresh tokens rotate. */
  setTokenPolicy(policy: { accessTokenTtl?: number; rotateRefreshTokens?: boolean }): void;
  /**
   * Mounts a handler for `prefix` and everything below it (`/gmail`, `/gmail/v1/…`). The handler
   * gets the untouched request: `req.url` still starts with the prefix.
   */
  use(prefix: string, handler: SandboxRouteHandler): void;
  /** Drives login and consent headlessly with a fresh cookie jar; see `createUserAgent`. */
  consent(authorizationUrl: string | URL, options: ConsentOptions): Promise<ConsentResult>;
  close(): Promise<void>;
}
