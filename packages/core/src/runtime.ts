import type { EventBus } from './events.ts';
import type { Logger } from './logger.ts';
import type { ProviderRegistry } from './providers/index.ts';
import type { AccountsRepository, AuditRepository, ConnectionsRepository, LinksRepository, StoreDatabase, TransactionsRepository } from './store/index.ts';
import type { Vault } from './vault/index.ts';

/** What the services share; built once by createOnBehalf. */
export interface Runtime {
  store: StoreDatabase;
  connectionsRepo: ConnectionsRepository;
  accountsRepo: AccountsRepository;
  linksRepo: LinksRepository;
  transactionsRepo: TransactionsRepository;
  audit: AuditRepository;
  vault: Vault;
  providers: ProviderRegistry;
  events: EventBus;
  logger: Logger;
  /** Public URL where the web handler is mounted, without a trailing slash. */
  baseUrl: string | undefined;
  /** iron-session password for the transaction cookie, derived from the current encryption key. */
  cookiePassword: string;
  now(): number;
}
