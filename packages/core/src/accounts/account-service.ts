import type { ConnectionService } from '../connections/index.ts';
import { AuthorizationRequiredError, OnBehalfError } from '../errors.ts';
import type { Provider } from '../providers/index.ts';
import type { Runtime } from '../runtime.ts';
import type { WebhookEventInput } from '../webhooks/index.ts';
import { DEFAULT_ALIAS, newId, type AccountGuard, type AccountPatch, type AccountRow } from '../store/index.ts';
import { canTransition, IDENTIFIER_TYPES, isAccountStatus, type AccountStatus, type IdentifierType } from '../account-status.ts';
import type { AccountList, AccountRef, ConnectedAccount, Credentials, StoredCredentials } from './account-types.ts';
import { toCredentials, validateCredentialValues } from './credential-fields.ts';
import { accountValues } from './account-values.ts';
import { checkJwtCredentials } from '../jwt/index.ts';

export interface GetOrCreateOptions {
  connection: string;
  identifier: string;
  /** Which of the identifier's accounts on the connection ('default' when left out). */
  alias?: string;
  identifierType?: IdentifierType;
  metadata?: Record<string, unknown>;
}

export interface ListAccountsOptions {
  connection?: string;
  identifier?: string;
  alias?: string;
  status?: AccountStatus | AccountStatus[];
  limit?: number;
  cursor?: string | null;
}

const MAX_IDENTIFIER_LENGTH = 255;

function invalidInput(message: string): OnBehalfError {
  return new OnBehalfError('INVALID_INPUT', message);
}

function checkIdentifier(identifier: unknown): string {
  if (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > MAX_IDENTIFIER_LENGTH) {
    throw invalidInput(`identifier must be a non-empty string of at most ${MAX_IDENTIFIER_LENGTH} characters.`);
  }
  return identifier;
}

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * An alias as given (or the default one). Kept to a plain token: it is shown to models as an enum
 * value and to people on the connected-apps page, and it names the account in messages.
 */
export function checkAlias(alias: unknown): string {
  if (alias === undefined || alias === null) return DEFAULT_ALIAS;
  if (typeof alias !== 'string' || !ALIAS.test(alias)) {
    throw invalidInput('alias must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
  }
  return alias;
}

function checkMetadata(metadata: unknown): Record<string, unknown> {
  if (metadata === undefined) return {};
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) throw invalidInput('metadata must be a plain object.');
  return metadata as Record<string, unknown>;
}

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^acc_[0-9a-z]+$/.test(id)) throw invalidInput('cursor is not one this API returned.');
  return id;
}

/** The error to raise when an account cannot hand out credentials in its current status. */
export function unusableAccountError(account: Pick<ConnectedAccount, 'status' | 'statusReason' | 'connection' | 'identifier' | 'id'>): OnBehalfError {
  const details = { accountId: account.id, connection: account.connection, status: account.status, statusReason: account.statusReason };
  const alias = (account as { alias?: string }).alias;
  const who = `${account.connection} account${alias && alias !== DEFAULT_ALIAS ? ` '${alias}'` : ''} of '${account.identifier}'`;
  switch (account.status) {
    case 'PENDING':
      return new AuthorizationRequiredError(`The ${who} has not been authorized yet.`, { accountStatus: account.status, details });
    case 'EXPIRED':
      return new OnBehalfError('ACCOUNT_EXPIRED', `The ${who} has expired and needs to be re-authorized.`, { details });
    case 'REVOKED':
      return new OnBehalfError('ACCOUNT_REVOKED', `The ${who} was revoked and needs to be re-authorized.`, { details });
    case 'SUSPENDED':
      return new OnBehalfError('ACCOUNT_SUSPENDED', `The ${who} is suspended.`, { details });
    default:
      return new OnBehalfError('ACCOUNT_ERROR', `The ${who} is in ERROR (${account.statusReason ?? 'unknown reason'}) and needs attention.`, { details });
  }
}

export function createAccountService(runtime: Runtime, connections: ConnectionService) {
  const { accountsRepo: repo, vault } = runtime;

  const sealCredentials = (accountId: string, stored: StoredCredentials) =>
    vault.seal(stored, { table: 'accounts', rowId: accountId, field: 'credentials' });

  const openCredentials = (row: AccountRow): StoredCredentials | null =>
    row.credentials === null ? null : vault.open<StoredCredentials>(row.credentials, { table: 'accounts', rowId: row.id, field: 'credentials' });

  const providerOf = (connectionName: string): Promise<Provider> => connections.providerOf(connectionName);
  const cachedProviderOf = (connectionName: string): Provider | undefined => connections.cachedProviderOf(connectionName);

  function toAccount(row: AccountRow, provider: Provider): ConnectedAccount {
    const date = (value: number | string | null) => (value === null ? null : new Date(Number(value)));
    return {
      id: row.id,
      connection: row.connection_name,
      provider: provider.id,
      authType: provider.auth.type,
      identifier: row.identifier,
      identifierType: row.identifier_type as IdentifierType,
      alias: row.alias,
      identity: row.identity_subject === null ? null : { subject: row.identity_subject, display: row.identity_display },
      status: row.status as AccountStatus,
      statusReason: row.status_reason,
      scopes: JSON.parse(row.scopes) as string[],
      expiresAt: date(row.expires_at),
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      values: accountValues(row),
      authorizedAt: date(row.authorized_at),
      lastRefreshedAt: date(row.last_refreshed_at),
      settings: { autoRefresh: Number(row.auto_refresh) !== 0, requestTimeoutMs: row.request_timeout_ms === null ? null : Number(row.request_timeout_ms), maxRetries: row.max_retries === null ? null : Number(row.max_retries) },
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
    };
  }

  async function findRow(ref: AccountRef): Promise<AccountRow> {
    if (!ref || typeof ref !== 'object') throw invalidInput('Pass { connection, identifier, alias? } or { id }.');
    const byKey = ref as { connection: string; identifier: string; alias?: string };
    const row = 'id' in ref && ref.id !== undefined
      ? await repo.findById(String(ref.id))
      : await repo.findByKey(byKey.connection, checkIdentifier(byKey.identifier), checkAlias(byKey.alias));
    if (!row) {
      throw new OnBehalfError('ACCOUNT_NOT_FOUND', 'No connected account matches.', {
        details: 'id' in ref ? { accountId: ref.id } : { connection: byKey.connection, identifier: byKey.identifier, ...(byKey.alias !== undefined ? { alias: byKey.alias } : {}) },
      });
    }
    return row;
  }

  /**
   * Moves an account to `to` (with any extra column changes) if nothing changed it since `row`
   * was read; records the change in the audit table and emits events. Returns the fresh row, or
   * undefined when another writer won the race.
   */
  async function transition(
    row: AccountRow,
    to: AccountStatus,
    reason: string | null,
    patch: AccountPatch = {},
    guard: AccountGuard = { version: row.version },
    /** Further webhook events this same write reports (a refresh failure that expires the account). */
    also: WebhookEventInput[] = [],
  ): Promise<AccountRow | undefined> {
    const from = row.status as AccountStatus;
    if (!canTransition(from, to)) {
      throw new OnBehalfError('INVALID_STATE', `A ${from} account cannot become ${to}.`, { details: { accountId: row.id, from, to } });
    }
    // A write that stores a new authorization (consent, a reconnect, API-key credentials) is what
    // `account.authorized` reports; its webhook messages are stored in the same transaction.
    const authorized = to === 'ACTIVE' && patch.authorized_at != null;
    const who = { accountId: row.id, connection: row.connection_name, identifier: row.identifier, alias: row.alias };
    const fresh = await runtime.webhooks.write(
      ['account.status_changed', 'account.authorized', ...also.map((event) => event.type)],
      (tx) => tx.accounts.update(row.id, { ...patch, status: to, status_reason: reason }, guard, runtime.now()),
      (written): WebhookEventInput[] => [
        ...(from !== to ? [{ type: 'account.status_changed' as const, data: { ...who, from, to, reason } }] : []),
        ...(authorized ? [{ type: 'account.authorized' as const, data: { ...who, scopes: JSON.parse(written.scopes) as string[] } }] : []),
        ...also,
      ],
    );
    if (!fresh) return undefined;
    if (from !== to) {
      const payload = { accountId: row.id, connection: row.connection_name, identifier: row.identifier, from, to, reason };
      await runtime.audit.record({ type: 'account.status_changed', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { from, to, reason } });
      runtime.events.emit('account.status_changed', payload);
    }
    return fresh;
  }

  /** Re-reads and retries an optimistic update a few times (another process may be writing). */
  async function withRetry<T>(ref: AccountRef, attempt: (row: AccountRow) => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 20; i++) {
      const result = await attempt(await findRow(ref));
      if (result !== undefined) return result;
    }
    throw new OnBehalfError('DATABASE_ERROR', 'The account kept changing under this update; try again.', { retryable: true });
  }

  const service = {
    async getOrCreate(options: GetOrCreateOptions): Promise<ConnectedAccount> {
      const identifier = checkIdentifier(options?.identifier);
      const alias = checkAlias(options.alias);
      const identifierType = options.identifierType ?? 'user_id';
      if (!(IDENTIFIER_TYPES as readonly string[]).includes(identifierType)) throw invalidInput(`identifierType must be one of ${IDENTIFIER_TYPES.join(', ')}.`);
      const metadata = checkMetadata(options.metadata);
      const provider = await providerOf(options.connection);
      const existing = await repo.findByKey(options.connection, identifier, alias);
      if (existing) return toAccount(existing, provider);
      const now = runtime.now();
      const id = newId('acc');
      await repo.insertIfAbsent({
        id,
        connection_name: options.connection,
        identifier,
        identifier_type: identifierType,
        alias,
        identity_subject: null,
        identity_display: null,
        status: 'PENDING',
        status_reason: null,
        suspended_from: null,
        scopes: '[]',
        expires_at: null,
        credentials: null,
        credentials_key_id: null,
        metadata: JSON.stringify(metadata),
        account_values: '{}',
        auto_refresh: 1,
        request_timeout_ms: null,
        max_retries: null,
        lease_owner: null,
        lease_expires_at: null,
        refresh_failures: 0,
        next_refresh_at: null,
        last_refreshed_at: null,
        authorized_at: null,
        created_at: now,
        updated_at: now,
      });
      const row = (await repo.findByKey(options.connection, identifier, alias))!;
      if (row.id === id) {
        await runtime.audit.record({ type: 'account.created', accountId: id, connection: row.connection_name, identifier });
        runtime.events.emit('account.created', { accountId: id, connection: row.connection_name, identifier });
      }
      return toAccount(row, provider);
    },

    async get(ref: AccountRef): Promise<ConnectedAccount> {
      const row = await findRow(ref);
      return toAccount(row, await providerOf(row.connection_name));
    },

    async list(options: ListAccountsOptions = {}): Promise<AccountList> {
      const limit = options.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalidInput('limit must be an integer from 1 to 500.');
      const statuses = options.status === undefined ? undefined : Array.isArray(options.status) ? options.status : [options.status];
      if (statuses?.some((s) => !isAccountStatus(s))) throw invalidInput('status must be one of PENDING, ACTIVE, EXPIRED, REVOKED, ERROR, SUSPENDED.');
      const rows = await repo.list({
        connection: options.connection,
        identifier: options.identifier,
        alias: options.alias === undefined ? undefined : checkAlias(options.alias),
        status: statuses,
        afterId: options.cursor ? decodeCursor(options.cursor) : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const providers = new Map((await connections.list()).map((c) => [c.name, connections.providerFor(c)]));
      return {
        items: page.filter((row) => providers.has(row.connection_name)).map((row) => toAccount(row, providers.get(row.connection_name)!)),
        nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null,
      };
    },

    async delete(ref: AccountRef): Promise<void> {
      const row = await findRow(ref);
      // Its pending links and OAuth transactions go with it.
      await runtime.linksRepo.deleteByAccount(row.id);
      await runtime.transactionsRepo.deleteByAccount(row.id);
      // A row another process deleted first was reported by that process.
      await runtime.webhooks.write(
        ['account.deleted'],
        async (tx) => (await tx.accounts.delete(row.id)) || undefined,
        () => [{ type: 'account.deleted', data: { accountId: row.id, connection: row.connection_name, identifier: row.identifier, alias: row.alias } }],
      );
      await runtime.audit.record({ type: 'account.deleted', accountId: row.id, connection: row.connection_name, identifier: row.identifier });
      runtime.events.emit('account.deleted', { accountId: row.id, connection: row.connection_name, identifier: row.identifier });
    },

    /** Shallow-merges `metadata` into the account's metadata; a key set to null is removed. */
    async updateMetadata(ref: AccountRef, metadata: Record<string, unknown>): Promise<ConnectedAccount> {
      const patch = checkMetadata(metadata);
      const row = await withRetry(ref, async (current) => {
        const merged: Record<string, unknown> = { ...(JSON.parse(current.metadata) as Record<string, unknown>) };
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) delete merged[key];
          else merged[key] = value;
        }
        return repo.update(current.id, { metadata: JSON.stringify(merged) }, { version: current.version }, runtime.now());
      });
      return toAccount(row, await providerOf(row.connection_name));
    },

    async suspend(ref: AccountRef, options: { reason?: string } = {}): Promise<ConnectedAccount> {
      const row = await withRetry(ref, async (current) => {
        if (current.status === 'SUSPENDED') return current;
        return transition(current, 'SUSPENDED', options.reason ?? 'suspended by the app', { suspended_from: current.status });
      });
      return toAccount(row, await providerOf(row.connection_name));
    },

    async resume(ref: AccountRef): Promise<ConnectedAccount> {
      const row = await withRetry(ref, async (current) => {
        if (current.status !== 'SUSPENDED') return current;
        const previous = isAccountStatus(current.suspended_from) ? current.suspended_from : 'PENDING';
        return transition(current, previous, null, { suspended_from: null });
      });
      return toAccount(row, await providerOf(row.connection_name));
    },

    /** Stores API-key / basic / bearer credentials (encrypted) and activates the account. */
    async setCredentials(options: GetOrCreateOptions & { credentials: Record<string, unknown> }): Promise<ConnectedAccount> {
      const provider = await providerOf(options.connection);
      const stored = validateCredentialValues(provider, options.credentials);
      // A signing key is tried locally (one assertion signed, nothing sent) before it is stored.
      if (stored.type === 'jwt') await checkJwtCredentials(provider, { ...stored.secrets, ...stored.claims }, Math.floor(runtime.now() / 1000));
      const account = await service.getOrCreate(options);
      const row = await withRetry(account, async (current) => {
        if (current.status === 'SUSPENDED') throw unusableAccountError(toAccount(current, provider));
        const sealed = sealCredentials(current.id, stored);
        const now = runtime.now();
        return transition(current, 'ACTIVE', null, {
          credentials: sealed.ciphertext,
          credentials_key_id: sealed.keyId,
          // A jwt account has no token yet: due at once, minted under the refresh lease on first use.
          expires_at: stored.type === 'jwt' ? now : null,
          authorized_at: now,
          refresh_failures: 0,
          next_refresh_at: null,
        });
      });
      await runtime.audit.record({ type: 'account.authorized', accountId: row.id, connection: row.connection_name, identifier: row.identifier, data: { method: 'credentials' } });
      runtime.events.emit('account.authorized', { accountId: row.id, connection: row.connection_name, identifier: row.identifier, scopes: [] });
      return toAccount(row, provider);
    },

    async getCredentials(ref: AccountRef): Promise<Credentials> {
      const row = await findRow(ref);
      const provider = await providerOf(row.connection_name);
      const account = toAccount(row, provider);
      if (account.status !== 'ACTIVE') throw unusableAccountError(account);
      const stored = openCredentials(row);
      if (!stored) throw unusableAccountError({ ...account, status: 'PENDING' });
      return toCredentials(stored, { expiresAt: account.expiresAt, scopes: account.scopes });
    },
  };

  /** The fields unusableAccountError needs, without resolving the provider. */
  const toAccountLite = (row: AccountRow) => ({
    id: row.id,
    connection: row.connection_name,
    identifier: row.identifier,
    alias: row.alias,
    status: row.status as AccountStatus,
    statusReason: row.status_reason,
  });

  return { service, internals: { findRow, transition, toAccount, toAccountLite, providerOf, cachedProviderOf, sealCredentials, openCredentials, withRetry } };
}

export type AccountService = ReturnType<typeof createAccountService>['service'];
export type AccountInternals = ReturnType<typeof createAccountService>['internals'];
