/**
 * Table shapes as kysely sees them. Times are epoch milliseconds in BIGINT columns (PostgreSQL
 * hands them back as strings, so readers always pass them through Number()). JSON values are
 * TEXT so that one schema serves SQLite and PostgreSQL alike.
 */
type Millis = number | string;

export interface ConnectionsTable {
  id: string;
  name: string;
  provider: string;
  client_id: string | null;
  client_secret: string | null;
  client_secret_key_id: string | null;
  scopes: string;
  authorization_params: string;
  settings: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface AccountsTable {
  id: string;
  connection_name: string;
  identifier: string;
  identifier_type: string;
  status: string;
  status_reason: string | null;
  suspended_from: string | null;
  scopes: string;
  expires_at: Millis | null;
  credentials: string | null;
  credentials_key_id: string | null;
  metadata: string;
  /** JSON object of the account's non-secret values (pre-consent fields, afterConsent results). */
  account_values: string;
  /** Tells apart several accounts of one identifier on one connection; 'default' unless the app names one. */
  alias: string;
  /** The provider's own id for the account (OIDC `sub`, a user id), once known; never a token. */
  identity_subject: string | null;
  /** The provider identity's email or login, for people to read. */
  identity_display: string | null;
  /** 0 leaves the account out of the proactive refresher (a read still refreshes a due token). */
  auto_refresh: number;
  /** Per-account bounds for its provider API calls; null: the defaults. */
  request_timeout_ms: number | null;
  max_retries: number | null;
  version: number;
  lease_owner: string | null;
  lease_expires_at: Millis | null;
  refresh_failures: number;
  next_refresh_at: Millis | null;
  last_refreshed_at: Millis | null;
  authorized_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface AuthorizationLinksTable {
  id: string;
  token_hash: string;
  account_id: string;
  connection_name: string;
  identifier: string;
  return_to: string | null;
  scopes: string | null;
  /** JSON of the pre-consent fields given with the link, or null. */
  fields: string | null;
  /** 1 when consent may connect another provider identity than the account's (`replace: true`). */
  replace_identity: number;
  expires_at: Millis;
  used_at: Millis | null;
  created_at: Millis;
}

export interface OAuthTransactionsTable {
  id: string;
  state_hash: string;
  account_id: string;
  link_id: string | null;
  connection_name: string;
  code_verifier: string | null;
  code_verifier_key_id: string | null;
  nonce: string | null;
  redirect_uri: string;
  return_to: string | null;
  scopes: string;
  /** JSON of the pre-consent fields this authorization uses (its token URL may depend on them). */
  fields: string | null;
  expires_at: Millis;
  used_at: Millis | null;
  created_at: Millis;
}

export interface AuditEventsTable {
  id: string;
  type: string;
  account_id: string | null;
  connection_name: string | null;
  identifier: string | null;
  data: string;
  /** A tool execution's tool (also in `data`), for the usage index. */
  tool: string | null;
  /** 1 when the row records a failure (`outcome: 'error'` in `data`), for the usage index. */
  failed: number;
  created_at: Millis;
}

/** One webhook message for one endpoint (see outbox-repository.ts). */
export interface WebhookOutboxTable {
  /** The message id (`webhook-id`): the same on every attempt, so receivers can deduplicate. */
  id: string;
  endpoint: string;
  event_type: string;
  /** The JSON body as signed: ids and statuses only, never a secret. */
  payload: string;
  /** 'pending' | 'delivered' | 'failed' (given up after the last retry). */
  state: string;
  attempts: number;
  next_attempt_at: Millis;
  lease_owner: string | null;
  lease_expires_at: Millis | null;
  /** Why the last attempt failed ('HTTP 500', 'timeout', …): never the receiver's answer body. */
  last_error: string | null;
  delivered_at: Millis | null;
  created_at: Millis;
}

export interface Database {
  onbehalf_connections: ConnectionsTable;
  onbehalf_accounts: AccountsTable;
  onbehalf_authorization_links: AuthorizationLinksTable;
  onbehalf_oauth_transactions: OAuthTransactionsTable;
  onbehalf_audit_events: AuditEventsTable;
  onbehalf_webhook_outbox: WebhookOutboxTable;
}

export const toMillis = (value: Millis | null): number | null => (value === null ? null : Number(value));
