import type { AuthType } from '../providers/index.ts';
import type { AccountStatus, IdentifierType } from '../account-status.ts';

/** A connected account as the app sees it: everything but the credentials. */
export interface ConnectedAccount {
  id: string;
  connection: string;
  provider: string;
  authType: AuthType;
  identifier: string;
  identifierType: IdentifierType;
  /** Tells apart several accounts of one identifier on one connection; 'default' unless the app named one. */
  alias: string;
  /**
   * Who the account is at the provider, once consent said: its own subject (OIDC `sub`, a user
   * id) and an email or login to show people. Never a token.
   */
  identity: AccountIdentity | null;
  status: AccountStatus;
  statusReason: string | null;
  scopes: string[];
  expiresAt: Date | null;
  metadata: Record<string, unknown>;
  /**
   * The account's provider-side values, never secret: what the person gave before consent
   * (a Zendesk subdomain) and what was captured after it (a Salesforce instance host, a cloudId).
   */
  values: Record<string, string>;
  authorizedAt: Date | null;
  lastRefreshedAt: Date | null;
  /** Per-account settings (`ob.accounts.updateSettings`). */
  settings: AccountSettings;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccountSettings {
  /** false leaves the account out of the proactive refresher; a read still refreshes a due token. Default true. */
  autoRefresh: boolean;
  /** Longest wait for one provider API request of this account, in ms; null: no bound of its own. */
  requestTimeoutMs: number | null;
  /** Retries of its provider API requests after 429/5xx; null: the default (3). */
  maxRetries: number | null;
}

export interface AccountIdentity {
  subject: string;
  display: string | null;
}

/** `alias` left out means the default account, so calls written before aliases keep their meaning. */
export type AccountRef = { connection: string; identifier: string; alias?: string } | { id: string };

export type Credentials =
  | {
      type: 'oauth2';
      accessToken: string;
      refreshToken: string | null;
      tokenType: string;
      expiresAt: Date | null;
      scopes: string[];
      idToken: string | null;
      /** The grant's other tokens by label (Slack's `bot` beside the person's token), when the provider issued any. */
      extraTokens?: Record<string, { accessToken: string; refreshToken: string | null; tokenType: string; expiresAt: Date | null; scopes: string[] }>;
    }
  /** OAuth 1.0a (Trello): the access token and its secret; requests are signed with these and the connection's consumer key and secret. */
  | { type: 'oauth1'; token: string; tokenSecret: string; scopes: string[] }
  | { type: 'api_key'; apiKey: string; fields: Record<string, string> }
  | { type: 'basic'; username: string; password: string; fields: Record<string, string> }
  | { type: 'bearer'; token: string; fields: Record<string, string> }
  /**
   * A signed JWT (a Google service account, a GitHub App installation): the access token minted
   * from the account's key, and the claims' values (`subject`, `installationId`…). The key itself
   * is never handed back: it stays sealed, and re-minting needs nothing else from the caller.
   */
  | { type: 'jwt'; accessToken: string; tokenType: string; expiresAt: Date | null; scopes: string[]; fields: Record<string, string> };

/**
 * A second token from the same grant, sealed with the account's own (Slack's bot token next to the
 * person's user token, Discord's incoming-webhook token): refreshed together with the account's
 * token under the same lease when it has a refresh token, used by tools that ask for it by label.
 */
export interface ExtraToken {
  accessToken: string;
  refreshToken: string | null;
  tokenType: string;
  expiresAt: number | null;
  scopes: string[];
}

/** What is sealed in the `credentials` column. */
export type StoredCredentials =
  | {
      type: 'oauth2';
      accessToken: string;
      refreshToken: string | null;
      tokenType: string;
      idToken: string | null;
      /** What the account's token is, when the provider says (`user` or `bot` at Slack). */
      label?: string;
      /** Other tokens of the grant, by label. */
      extraTokens?: Record<string, ExtraToken>;
    }
  | { type: 'oauth1'; token: string; tokenSecret: string }
  | { type: 'api_key' | 'basic' | 'bearer'; values: Record<string, string> }
  /** Signed JWT: the key (`secrets`), the claims' values, and the last minted token (null before the first). */
  | { type: 'jwt'; secrets: Record<string, string>; claims: Record<string, string>; accessToken: string | null; tokenType: string };

export interface AccountList {
  items: ConnectedAccount[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
