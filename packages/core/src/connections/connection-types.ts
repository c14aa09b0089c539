import type { AuthType } from '../providers/index.ts';

/**
 * Endpoint overrides for one connection: point a catalog provider at a sandbox, a proxy, a
 * self-hosted instance (GitHub Enterprise, GitLab) or a regional host, keeping its quirks.
 */
export interface ConnectionEndpoints {
  issuer?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  /** The refresh grant's endpoint, when the provider has one apart from the token endpoint (Figma). */
  refreshUrl?: string;
  /** OAuth 1.0a: the temporary-credentials (request token) endpoint. */
  requestTokenUrl?: string;
  revocationUrl?: string;
  userinfoUrl?: string;
  apiBaseUrl?: string;
}

export interface ConnectionInput {
  /** Unique name, used in the callback path: letters, digits, '-' and '_'. */
  name: string;
  provider: string;
  /** Which of the provider's auth methods this connection uses (`'oauth2'`, `'api_key'`…); default its first. */
  auth?: AuthType;
  clientId?: string;
  /** Encrypted at rest. Omit on update to keep the stored one. */
  clientSecret?: string;
  scopes?: string[];
  authorizationParams?: Record<string, string>;
  /** Values the provider declares per connection: `{ tenant }` (Microsoft), `{ host }` (GitLab), `{ loginHost }` (Salesforce). */
  settings?: Record<string, string>;
  endpoints?: ConnectionEndpoints;
}

/** A connection as the app sees it; the client secret never leaves the vault. */
export interface Connection {
  name: string;
  provider: string;
  /** The auth method in use: the one the connection picked, or the provider's first. */
  authType: AuthType;
  clientId: string | null;
  hasClientSecret: boolean;
  scopes: string[];
  authorizationParams: Record<string, string>;
  endpoints: ConnectionEndpoints;
  /** The provider's declared settings for this connection, defaults applied. */
  settings: Record<string, string>;
  /** Register this at the provider (OAuth connections only; needs baseUrl). */
  redirectUri: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `ob.connections`: what the app may do with its connections. */
export interface ConnectionsApi {
  /** Creates or updates a connection; `clientSecret` omitted on update keeps the stored one. */
  upsert(input: ConnectionInput): Promise<Connection>;
  /** Throws CONNECTION_NOT_FOUND. `redirectUri` is what to register at the provider. */
  get(name: string): Promise<Connection>;
  list(): Promise<Connection[]>;
  /** Deletes the connection and every account, link and OAuth transaction of it. */
  delete(name: string): Promise<{ deletedAccounts: number }>;
}
