import type { MockProvider, MockProviderContext } from './mock-provider.ts';

/** What a provider's `tokenResponse` dialect knows about the answer it reshapes. */
export interface TokenResponseContext {
  origin: string;
  clientId: string;
  /** `authorization_code` or `refresh_token`. */
  grantType?: string;
  /** The sandbox user the tokens are for. */
  sub?: string;
}

/**
 * How a provider's OAuth requests deviate from RFC 6749 on the wire. The sandbox serves every
 * provider from one issuer and a client is not tied to a provider, so the OIDC server applies
 * every provider's hooks to every request: each hook only touches a shape no other provider sends.
 */
export interface ProviderDialect {
  /** Rewrites the `scope` of an authorization request into a space-separated list (Slack separates with commas). */
  authorizationScope?(scope: string): string;
  /** A token request body that is not form-encoded (Notion sends JSON): its content type and how to read its fields. */
  tokenRequestBody?: { contentType: string; parse(text: string): Record<string, string> };
  /**
   * Paths that stand for the OIDC server's authorization and token endpoints (Microsoft's
   * `/{tenant}/oauth2/v2.0/authorize` and `…/token`), for a connection whose endpoints keep the
   * provider's own layout (see `oauthEndpoints`).
   */
  endpointPaths?: { authorization: RegExp; token: RegExp };
  /**
   * A successful token response as this provider shapes it (Salesforce adds `instance_url` and
   * `id` and sends no `expires_in`). Unlike the hooks above it applies only to clients registered
   * for this provider (a sandbox connection's), since no request shape tells them apart.
   */
  tokenResponse?(body: Record<string, unknown>, context: TokenResponseContext): Record<string, unknown>;
  /**
   * Authorization requests of this provider's clients may come without PKCE (Slack, where PKCE is
   * an opt-in app setting); every other client must send it unless the sandbox is started with
   * `requirePkce: false`.
   */
  pkceOptional?: boolean;
}

/**
 * Everything the sandbox needs to know about one provider: where its mock lives, which real URLs
 * it stands for, what a connection's API base is, and its wire dialect. One per `providers/<id>/`.
 */
export interface ProviderModule<Id extends string = string, S = unknown> {
  /** The catalog provider id (`google_calendar`); also the mock's name in `failNext`, `state`, request records. */
  id: Id;
  /** Mock path prefix; `realBase + (path without prefix)` is the provider's real URL. */
  prefix: string;
  /** The real base URL the prefix stands for (`https://slack.com`). */
  realBase: string;
  /**
   * Further prefixes of the same API served by this mock, each with the real base it stands for
   * (Google's media uploads live under `/upload/drive/…` beside `/drive/…`). The mock sees the
   * matched prefix in `request.prefix`.
   */
  alsoServes?: ReadonlyArray<{ prefix: string; realBase: string }>;
  /** Path on the sandbox origin that replaces the provider's API base URL in a connection (`/slack/api`; `''` = the origin). */
  apiBasePath: string;
  /** Content type the provider sends JSON with. */
  jsonType: string;
  createMock(context: MockProviderContext): MockProvider<S>;
  dialect?: ProviderDialect;
  /**
   * A sandbox connection's OAuth endpoints in the provider's own path layout (placeholders such as
   * `{tenant}` left for the connection's settings), instead of the OIDC server's issuer.
   */
  oauthEndpoints?(origin: string): Record<string, string>;
  /**
   * For a provider whose authorization server is the mock itself rather than the OIDC server
   * (Trello's OAuth 1.0a): registers a sandbox connection's client with the mock and returns the
   * connection's endpoints (`origin` is the sandbox's).
   */
  connect?(options: { state: S; origin: string; clientId: string; clientSecret: string }): Record<string, string>;
}

/** Declares a provider module, keeping its id as a literal type so ids and states stay typed. */
export function defineProviderModule<const Id extends string, S>(module: ProviderModule<Id, S>): ProviderModule<Id, S> {
  return module;
}

/** The state type of a module's mock. */
export type ProviderModuleState<M> = M extends ProviderModule<string, infer S> ? S : never;
