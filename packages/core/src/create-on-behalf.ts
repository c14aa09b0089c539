import { createAccountService, type AccountService } from './accounts/index.ts';
import { createConnectionService, type ConnectionInput, type ConnectionService } from './connections/index.ts';
import { OnBehalfError } from './errors.ts';
import { EventBus, type EventName, type Listener } from './events.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { createProviderRegistry, type Provider, type ProviderRegistry } from './providers/index.ts';
import type { Runtime } from './runtime.ts';
import {
  createAccountsRepository,
  createAuditRepository,
  createConnectionsRepository,
  migrateToLatest,
  openDatabase,
  type DatabaseOption,
} from './store/index.ts';
import { createKeyring, createVault, rotateKeys, type KeyringOptions, type RotateKeysOptions, type RotateKeysResult } from './vault/index.ts';

export interface OnBehalfOptions extends KeyringOptions {
  /** 'sqlite:./onbehalf.db' (default, or ONBEHALF_DATABASE_URL), ':memory:', 'postgres://…', or { kysely }. */
  database?: DatabaseOption;
  /** Public URL where a framework adapter mounts the handler, e.g. https://app.example.com/onbehalf. */
  baseUrl?: string;
  /** Declarative connections, upserted by migrate(). */
  connections?: ConnectionInput[];
  /** Custom providers (defineProvider); one with a built-in id replaces it. */
  providers?: Provider[];
  /** Receives ids, statuses and safe messages only. Default: warnings and errors on the console. */
  logger?: Logger;
}

export interface OnBehalf {
  readonly connections: ConnectionService;
  readonly accounts: AccountService;
  readonly providers: ProviderRegistry;
  readonly vault: { rotate(options?: RotateKeysOptions): Promise<RotateKeysResult>; readonly currentKeyId: string };
  /** Creates or updates the tables, then upserts the declarative connections. */
  migrate(): Promise<void>;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Closes the database when onbehalf opened it. */
  close(): Promise<void>;
}

function normalizeBaseUrl(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new OnBehalfError('CONFIGURATION_ERROR', `baseUrl '${baseUrl}' is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OnBehalfError('CONFIGURATION_ERROR', 'baseUrl must be http(s).');
  if (url.search || url.hash) throw new OnBehalfError('CONFIGURATION_ERROR', 'baseUrl must not have a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

export function createOnBehalf(options: OnBehalfOptions = {}): OnBehalf {
  const logger = options.logger ?? consoleLogger;
  // The key ring first: a missing or malformed key stops the app at startup, before any I/O.
  const vault = createVault(createKeyring(options));
  const store = openDatabase(options.database);
  const runtime: Runtime = {
    store,
    connectionsRepo: createConnectionsRepository(store.db),
    accountsRepo: createAccountsRepository(store.db),
    audit: createAuditRepository(store.db),
    vault,
    providers: createProviderRegistry(options.providers ?? []),
    events: new EventBus(logger),
    logger,
    baseUrl: normalizeBaseUrl(options.baseUrl ?? process.env.ONBEHALF_BASE_URL),
    now: () => Date.now(),
  };
  const connections = createConnectionService(runtime);
  const { service: accounts } = createAccountService(runtime, connections);

  return {
    connections,
    accounts,
    providers: runtime.providers,
    vault: { rotate: (rotateOptions) => rotateKeys(runtime, rotateOptions), currentKeyId: vault.currentKeyId },
    async migrate() {
      await migrateToLatest(store);
      for (const connection of options.connections ?? []) await connections.upsert(connection);
    },
    on: (event, listener) => runtime.events.on(event, listener),
    close: () => store.destroy(),
  };
}
