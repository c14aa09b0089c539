import type { AuthType } from '../providers/index.ts';

/**
 * Endpoint overrides for one connection: point a catalog provider at a sandbox, a proxy, a
 * self-hosted instance (GitHub Enterprise, GitLab) or a regional host, keeping its quirks.
 */
export interface ConnectionEndpoints {
  issuer?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  revocationUrl?: string;
  userinfoUrl?: string;
  apiBaseUrl?: string;
}

export interface ConnectionInput {
  /** Unique name, used in the callback path: letters, digits, '-' and '_'. */
  name: string;
  provider: string;
  clientId?: string;
  /** Encrypted at rest. Omit on update to keep the stored one. */
  clientSecret?: string;
  scopes?: string[];
  authorizationParams?: Record<string, string>;
  endpoints?: ConnectionEndpoints;
}

/** A connection as the app sees it; the client secret never leaves the vault. */
export interface Connection {
  name: string;
  provider: string;
  authType: AuthType;
  clientId: string | null;
  hasClientSecret: boolean;
  scopes: string[];
  authorizationParams: Record<string, string>;
  endpoints: ConnectionEndpoints;
  /** Register this at the provider (OAuth connections only; needs baseUrl). */
  redirectUri: string | null;
  createdAt: Date;
  updatedAt: Date;
}
