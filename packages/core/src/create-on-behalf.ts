import { createAccountService, createAccountUsage, type AccountRef } from './accounts/index.ts';
import { createRequestAuth } from './api-client/index.ts';
import { builtInProviders, builtInTools } from './catalog/index.ts';
import { createConnectionService, toConnectionsApi, type ConnectionInput, type ConnectionsApi } from './connections/index.ts';
import { OnBehalfError } from './errors.ts';
import { EventBus, type EventName, type Listener } from './events.ts';
import { createAdminDashboard, createAdminQueries, createConnectionsPage, createCredentialForm, createHandler, createPageCsrf, type HandlerContext } from './http/index.ts';
import { createAuthorizationLinks } from './links/index.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { createAuthorizationFlow, createOAuthClients } from './oauth/index.ts';
import { createOAuth1Flow } from './oauth1/index.ts';
import { createProviderRegistry, type Provider, type ProviderRegistry } from './providers/index.ts';
import { createAccountsApi, rotateKeys, verifyKeys, type AccountsApi, type RotateKeysOptions, type RotateKeysResult, type VerifyKeysOptions, type VerifyKeysResult } from './public-api/index.ts';
import {
  createRefreshCoordinator,
  createTokenCache,
  resolveRefreshSettings,
  startRefresher,
  type Refresher,
  type RefresherOptions,
  type RefreshSettings,
  type TokenCacheOptions,
} from './refresh/index.ts';
import type { Runtime } from './runtime.ts';
import {
  createAccountsRepository,
  createAuditRepository,
  createAuditWriter,
  createConnectionsRepository,
  createLinksRepository,
  createTransactionsRepository,
  migrateToLatest,
  openDatabase,
  type DatabaseOption,
} from './store/index.ts';
import { createToolRegistry, createTools, type ExecuteToolOptions, type ListToolsOptions, type OnBehalfHooks, type RequireApproval, type ToolApproval, type ToolDefinition, type ToolExecutionResult, type ToolSpec } from './tools/index.ts';
import { createKeyring, createVault, type KeyringOptions } from './vault/index.ts';
import { createWebhookOutbox, type WebhookDeliveryResult, type WebhookEndpointOptions } from './webhooks/index.ts';

export interface OnBehalfOptions extends KeyringOptions {
  /** 'sqlite:./onbehalf.db' (default, or ONBEHALF_DATABASE_URL), ':memory:', 'postgres://…', or { kysely }. */
  database?: DatabaseOption;
  /** Public URL where a framework adapter mounts the handler, e.g. https://app.example.com/onbehalf. */
  baseUrl?: string;
  /** Declarative connections, upserted by migrate(). */
  connections?: ConnectionInput[];
  /** Custom providers (defineProvider); one with a built-in id replaces it. */
  providers?: Provider[];
  /** Custom tools (defineTool), listed for every connection of their provider; one with a built-in tool's name replaces it. */
  tools?: ToolDefinition[];
  /** Receives ids, statuses and safe messages only. Default: warnings and errors on the console. */
  logger?: Logger;
  /** Refresh margin, token call timeout, lease and wait times (checked at startup). */
  refresh?: RefreshSettings;
  /**
   * Opt-in: serve decrypted access tokens from this process's memory for a few seconds (`true`:
   * 5 s). Never past a token's due time, and dropped on refresh, revoke and suspend in this
   * process; other processes cannot tell it, so a revocation elsewhere is seen here after the TTL.
   */
  cache?: boolean | TokenCacheOptions;
  /**
   * In-process hooks around every tool call: `beforeExecute` allows, denies (the model reads the
   * reason as TOOL_DENIED) or changes the input; `afterExecute` reshapes or redacts the output.
   * `tools: { [name]: { beforeExecute, afterExecute } }` adds hooks for single tools.
   */
  hooks?: OnBehalfHooks;
  /**
   * Which tool calls wait for a person's yes: `'writes'` (the tools that send, create, update,
   * delete or post), `true` (all), a function of the tool, or `false` (default). getTools and
   * ob.tools.list/execute can override it. Agent frameworks with an approval step of their own use
   * it; elsewhere the call answers APPROVAL_REQUIRED until `ob.tools.approve(approvalId)`.
   */
  requireApproval?: RequireApproval;
  /** The bound on the JSON of a tool output handed back, in characters (default 20,000); longer ones are cut with a marker. */
  maxOutputChars?: number;
  /** How long an approval request, and then the decision, stays open (default 900 s); approvals live in this process's memory. */
  approvalTtlSeconds?: number;
  /** The connected-apps page and the admin dashboard: `style` is CSS appended to theirs (override its `--ob-*` variables). */
  pages?: { style?: string };
  /**
   * Endpoints that receive account.status_changed, account.authorized, token.refresh_failed and
   * account.deleted, signed per Standard Webhooks. Messages are stored in the transaction of the
   * change, sent right after it commits, retried with backoff by the refresher's sweep (or
   * ob.webhooks.flush()), and sent once whatever the number of instances.
   */
  webhooks?: WebhookEndpointOptions[];
}

export interface OnBehalf {
  readonly connections: ConnectionsApi;
  readonly accounts: AccountsApi;
  readonly providers: ProviderRegistry;
  readonly vault: {
    /** Re-encrypts what is not under the current key yet; resumable (see RotateKeysOptions.limit). */
    rotate(options?: RotateKeysOptions): Promise<RotateKeysResult>;
    /** Tries the key ring on the stored client secrets and a sample of account credentials. */
    verify(options?: VerifyKeysOptions): Promise<VerifyKeysResult>;
    readonly currentKeyId: string;
  };
  /** The normalised public URL the handler is mounted at (no trailing slash), for adapters to check their mount against. */
  readonly baseUrl: string | undefined;
  /** Creates or updates the tables, then upserts the declarative connections. */
  migrate(): Promise<void>;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Agent tools of the configured connections, bound to one identifier when executed. */
  readonly tools: {
    /**
     * Tools of every configured connection whose provider has some. Names are unique: when several
     * connections share a provider, the one named like the provider (else the oldest) keeps plain
     * names and the others are prefixed with their lowercased name (`work_slack_send_message`).
     */
    list(options?: ListToolsOptions): Promise<ToolSpec[]>;
    /**
     * Validates the input (TOOL_INPUT_INVALID), runs the tool with the account's credentials, and
     * records a `tool.executed` audit row and event. A missing or unusable account throws
     * AuthorizationRequiredError with its status and, when baseUrl is set, an authorization link.
     */
    execute<T = unknown>(options: ExecuteToolOptions): Promise<ToolExecutionResult<T>>;
    /** An open approval request (what the person is asked to allow), or undefined. */
    approval(approvalId: string): ToolApproval | undefined;
    /** The open approval requests of one identifier, oldest first: what an app's approvals page shows. */
    approvals(options: { identifier: string }): ToolApproval[];
    /** The person allows the held call: the same call (same identifier, tool and input) runs once when made again. */
    approve(approvalId: string, options?: { identifier?: string }): ToolApproval;
    /** The person declines: the same call made again answers TOOL_DENIED with the reason, once. */
    deny(approvalId: string, options?: { identifier?: string; reason?: string }): ToolApproval;
  };
  /**
   * One authenticated request to the account's provider API: a path is resolved against the API
   * base URL (absolute URLs only on its origin), a 401 refreshes the token once and retries, 429/5xx
   * are retried with backoff. Non-2xx responses are returned as they are.
   */
  fetch(account: AccountRef, pathOrUrl: string | URL, init?: RequestInit): Promise<Response>;
  /** The web handler the framework adapters mount: authorization links, OAuth callbacks, the connected-apps page and the admin dashboard. */
  handler(request: Request, context?: HandlerContext): Promise<Response>;
  /** Starts refreshing tokens shortly before they expire, in the background. */
  startRefresher(options?: RefresherOptions): Refresher;
  /** The webhook outbox: `flush()` sends every message that is due now, without waiting for the refresher's sweep. */
  readonly webhooks: { flush(): Promise<WebhookDeliveryResult> };
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
  const refreshSettings = resolveRefreshSettings(options.refresh);
  // The key ring first: a missing or malformed key stops the app at startup, before any I/O.
  const vault = createVault(createKeyring(options));
  const store = openDatabase(options.database);
  const accountsRepo = createAccountsRepository(store.db, store.dialect, store.preparedQuery);
  const audit = createAuditRepository(store.db);
  const runtime: Runtime = {
    store,
    connectionsRepo: createConnectionsRepository(store.db),
    accountsRepo,
    linksRepo: createLinksRepository(store.db),
    transactionsRepo: createTransactionsRepository(store.db),
    audit,
    auditWriter: createAuditWriter(audit, logger),
    vault,
    providers: createProviderRegistry(builtInProviders, options.providers ?? []),
    events: new EventBus(logger),
    webhooks: createWebhookOutbox({ store, accounts: accountsRepo, webhooks: options.webhooks, logger, now: () => Date.now() }),
    logger,
    baseUrl: normalizeBaseUrl(options.baseUrl ?? process.env.ONBEHALF_BASE_URL),
    cookiePassword: vault.derivePasswords('transaction-cookie'),
    now: () => Date.now(),
  };
  const connections = createConnectionService(runtime);
  const { service, internals } = createAccountService(runtime, connections);
  const oauthClients = createOAuthClients({ tokenRequestTimeoutSeconds: refreshSettings.tokenRequestTimeoutSeconds, logger });
  const links = createAuthorizationLinks(runtime, service, internals, runtime.linksRepo);
  const refresher = createRefreshCoordinator({ runtime, connections, internals, oauthClients, settings: refreshSettings });
  const cache = options.cache ? createTokenCache(runtime.events, runtime.now, options.cache === true ? {} : options.cache) : undefined;
  const accounts = createAccountsApi({ runtime, service, internals, connections, links, refresher, oauthClients, cache });
  const usage = createAccountUsage(runtime);
  const flow = createAuthorizationFlow({ runtime, connections, internals, links, transactions: runtime.transactionsRepo, oauthClients });
  const oauth1Flow = createOAuth1Flow({ runtime, connections, internals, links, transactions: runtime.transactionsRepo, tokenRequestTimeoutSeconds: oauthClients.tokenRequestTimeoutSeconds });
  const tools = createTools({
    runtime,
    connections,
    accounts,
    resolveAuth: createRequestAuth({ connections, internals, refresher }),
    registry: createToolRegistry(builtInTools, options.tools ?? []),
    // Every provider API request (tools and ob.fetch) counts in the account's usage and health.
    fetchOptions: { observe: ({ auth, status }) => usage.recordApiRequest(auth.account, status) },
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.requireApproval !== undefined ? { requireApproval: options.requireApproval } : {}),
    ...(options.maxOutputChars !== undefined ? { maxOutputChars: options.maxOutputChars } : {}),
    ...(options.approvalTtlSeconds !== undefined ? { approvalTtlSeconds: options.approvalTtlSeconds } : {}),
  });
  const csrf = createPageCsrf(runtime);
  const style = options.pages?.style;
  const pages = {
    connections: createConnectionsPage({ runtime, connections, accounts, csrf, style }),
    admin: createAdminDashboard({ runtime, connections, accounts, queries: createAdminQueries(runtime), csrf, style }),
  };
  const handler = createHandler({ runtime, connections, links, flow, oauth1Flow, credentialForm: createCredentialForm({ runtime, connections, accounts: service }), pages });

  return {
    connections: toConnectionsApi(connections),
    accounts,
    providers: runtime.providers,
    baseUrl: runtime.baseUrl,
    vault: { rotate: (rotateOptions) => rotateKeys(runtime, rotateOptions), verify: (verifyOptions) => verifyKeys(runtime, verifyOptions), currentKeyId: vault.currentKeyId },
    async migrate() {
      await migrateToLatest(store);
      for (const connection of options.connections ?? []) await connections.upsert(connection);
    },
    on: (event, listener) => runtime.events.on(event, listener),
    tools: { list: tools.list, execute: tools.execute, approval: tools.approval, approvals: tools.approvals, approve: tools.approve, deny: tools.deny },
    fetch: tools.fetch,
    handler,
    startRefresher: (refresherOptions) => startRefresher(runtime, refresher, refresherOptions),
    webhooks: { flush: () => runtime.webhooks.deliverDue() },
    async close() {
      await runtime.webhooks.idle();
      await runtime.auditWriter.flush();
      await store.destroy();
    },
  };
}
