import type { EventBus } from './events.ts';
import type { Logger } from './logger.ts';
import type { ProviderRegistry } from './providers/index.ts';
import type { AccountsRepository, AuditRepository, AuditWriter, ConnectionsRepository, LinksRepository, StoreDatabase, TransactionsRepository } from './store/index.ts';
import type { PasswordMap, Vault } from './vault/index.ts';
import type { WebhookOutbox } from './webhooks/index.ts';

/** What the services share; built once by createOnBehalf. */
export interface Runtime {
  store: StoreDatabase;
  connectionsRepo: ConnectionsRepository;
  accountsRepo: AccountsRepository;
  linksRepo: LinksRepository;
  transactionsRepo: TransactionsRepository;
  audit: AuditRepository;
  /** Audit rows written in batches, off the hot path (tool executions). */
  auditWriter: AuditWriter;
  vault: Vault;
  providers: ProviderRegistry;
  events: EventBus;
  /** The webhook outbox: status writes that some endpoint subscribes to go through its `write`. */
  webhooks: WebhookOutbox;
  logger: Logger;
  /** Public URL where the web handler is mounted, without a trailing slash. */
  baseUrl: string | undefined;
  /**
   * iron-session passwords for the transaction cookie, one per key of the ring: cookies open with
   * any of them, and are sealed with the current key's (`sealingPasswords`).
   */
  cookiePassword: PasswordMap;
  now(): number;
}
