import { OnBehalfError } from '../errors.ts';
import { checkFieldValues, providerPlaceholders, withAuthMethod, type AuthType, type Provider } from '../providers/index.ts';
import type { Runtime } from '../runtime.ts';
import { newId, type ConnectionRow } from '../store/index.ts';
import type { Connection, ConnectionEndpoints, ConnectionInput, ConnectionsApi } from './connection-types.ts';

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function invalid(message: string, name?: string): OnBehalfError {
  return new OnBehalfError('CONNECTION_INVALID', message, { details: name ? { connection: name } : {} });
}

/** The connection's settings checked against the provider's `settings` fields, defaults applied. */
function checkSettings(input: ConnectionInput, provider: Provider): Record<string, string> {
  if (input.settings !== undefined && (!input.settings || typeof input.settings !== 'object' || Array.isArray(input.settings))) {
    throw invalid(`Connection '${input.name}': settings must be an object.`, input.name);
  }
  const { values, problems } = checkFieldValues(provider, provider.settings ?? [], input.settings, providerPlaceholders(provider));
  if (problems.length > 0) throw invalid(`Connection '${input.name}' (${provider.id}): ${problems.map((p) => `settings.${p}`).join('; ')}.`, input.name);
  return values;
}

function validate(input: ConnectionInput, runtime: Runtime): Record<string, string> {
  if (!input || typeof input !== 'object') throw invalid('A connection needs at least { name, provider }.');
  if (typeof input.name !== 'string' || !NAME_PATTERN.test(input.name)) {
    throw invalid(`Connection name must be 1-64 letters, digits, '-' or '_' (it appears in the callback URL).`);
  }
  const declared = runtime.providers.get(input.provider);
  if (input.auth !== undefined && !declared.authMethods.some((m) => m.type === input.auth)) {
    throw invalid(`Connection '${input.name}': provider '${declared.id}' has no '${String(input.auth)}' auth method (it offers ${declared.authMethods.map((m) => m.type).join(', ')}).`, input.name);
  }
  const provider = withAuthMethod(declared, input.auth);
  if (provider.auth.type === 'oauth2' && (typeof input.clientId !== 'string' || input.clientId.length === 0)) {
    throw invalid(`Connection '${input.name}' (${provider.id}) uses OAuth 2.0 and needs a clientId.`, input.name);
  }
  if (provider.auth.type === 'oauth1' && (typeof input.clientId !== 'string' || input.clientId.length === 0)) {
    throw invalid(`Connection '${input.name}' (${provider.id}) uses OAuth 1.0a and needs a clientId (the consumer key) and a clientSecret.`, input.name);
  }
  if (input.scopes !== undefined && (!Array.isArray(input.scopes) || input.scopes.some((s) => typeof s !== 'string'))) {
    throw invalid(`Connection '${input.name}': scopes must be an array of strings.`, input.name);
  }
  for (const [key, url] of Object.entries(input.endpoints ?? {})) {
    if (url !== undefined && !URL.canParse(url)) throw invalid(`Connection '${input.name}': endpoints.${key} is not a URL.`, input.name);
  }
  return checkSettings(input, provider);
}

/**
 * How long connections are trusted from memory. Token reads and tool calls need them on every
 * call; changes made in this process are seen at once, those made by another process within this
 * time.
 */
const CACHE_MS = 10_000;

/** Every connection as of one read, with a version that changes only when a connection did. */
export interface ConnectionsSnapshot {
  version: number;
  connections: Connection[];
  byName: Map<string, Connection>;
}

/** What a connection keeps besides its columns (JSON in `settings`: no migration per new option). */
interface ConnectionSettings {
  endpoints?: ConnectionEndpoints;
  auth?: AuthType;
  /** The provider's declared settings (`tenant`, `host`…), checked and with defaults applied. */
  values?: Record<string, string>;
}

/** For a connection stored before its provider declared settings: the declared defaults. */
function defaultSettings(provider: Provider): Record<string, string> {
  return Object.fromEntries((provider.settings ?? []).flatMap((field) => (field.default ? [[field.name, field.default]] : [])));
}

/** Connections: the app's own credentials and settings for one provider. */
export function createConnectionService(runtime: Runtime) {
  let snapshot: (ConnectionsSnapshot & { at: number; signature: string }) | undefined;
  let snapshotVersion = 0;
  /** A change made here is seen at once; one made by another process within CACHE_MS. */
  const forget = () => {
    snapshot = undefined;
  };
  const freshSnapshot = () => (snapshot && runtime.now() - snapshot.at < CACHE_MS ? snapshot : undefined);
  const providerFor = (connection: Pick<Connection, 'provider' | 'authType'>): Provider => withAuthMethod(runtime.providers.get(connection.provider), connection.authType);
  const toConnection = (row: ConnectionRow): Connection => {
    const settings = JSON.parse(row.settings) as ConnectionSettings;
    const provider = withAuthMethod(runtime.providers.get(row.provider), settings.auth);
    const oauth = provider.auth.type === 'oauth2' || provider.auth.type === 'oauth1';
    return {
      name: row.name,
      provider: row.provider,
      authType: provider.auth.type,
      clientId: row.client_id,
      hasClientSecret: row.client_secret !== null,
      scopes: JSON.parse(row.scopes) as string[],
      authorizationParams: JSON.parse(row.authorization_params) as Record<string, string>,
      endpoints: settings.endpoints ?? {},
      settings: settings.values ?? defaultSettings(provider),
      redirectUri: oauth && runtime.baseUrl ? `${runtime.baseUrl}/callback/${encodeURIComponent(row.name)}` : null,
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
    };
  };

  const findRow = async (name: string): Promise<ConnectionRow> => {
    const row = await runtime.connectionsRepo.find(name);
    if (!row) throw new OnBehalfError('CONNECTION_NOT_FOUND', `No connection named '${name}'.`, { details: { connection: name } });
    return row;
  };

  const service = {
    async upsert(input: ConnectionInput): Promise<Connection> {
      const settingValues = validate(input, runtime);
      const keepSecret = input.clientSecret === undefined;
      // The secret is bound to the connection's name (its natural key), so an upsert that lands
      // on an existing row can seal it without first reading the row's id.
      const sealed = keepSecret ? null : runtime.vault.seal(input.clientSecret, { table: 'connections', rowId: input.name, field: 'client_secret' });
      forget();
      await runtime.connectionsRepo.upsert(
        newId('con'),
        {
          name: input.name,
          provider: input.provider,
          client_id: input.clientId ?? null,
          client_secret: sealed?.ciphertext ?? null,
          client_secret_key_id: sealed?.keyId ?? null,
          scopes: JSON.stringify(input.scopes ?? []),
          authorization_params: JSON.stringify(input.authorizationParams ?? {}),
          settings: JSON.stringify({ endpoints: input.endpoints ?? {}, ...(input.auth ? { auth: input.auth } : {}), values: settingValues } satisfies ConnectionSettings),
        },
        runtime.now(),
        keepSecret,
      );
      return toConnection(await findRow(input.name));
    },

    async get(name: string): Promise<Connection> {
      return toConnection(await findRow(name));
    },

    async list(): Promise<Connection[]> {
      return (await runtime.connectionsRepo.list()).map(toConnection);
    },

    /**
     * Every connection from a short-lived cache (the hot path of tool calls), with a version that
     * changes only when a connection was added, changed or removed: indexes built from it (the
     * tool index) are rebuilt only then.
     */
    async snapshot(): Promise<ConnectionsSnapshot> {
      const cached = freshSnapshot();
      if (cached) return cached;
      const connections = (await runtime.connectionsRepo.list()).map(toConnection);
      const signature = connections.map((c) => `${c.name}\u0000${c.updatedAt.getTime()}`).join('\u0001');
      const version = snapshot?.signature === signature ? snapshot.version : ++snapshotVersion;
      snapshot = { version, connections, byName: new Map(connections.map((c) => [c.name, c])), at: runtime.now(), signature };
      return snapshot;
    },

    /** Deletes the connection and every account connected through it. */
    async delete(name: string): Promise<{ deletedAccounts: number }> {
      await findRow(name);
      await runtime.linksRepo.deleteByConnection(name);
      await runtime.transactionsRepo.deleteByConnection(name);
      const deletedAccounts = await runtime.accountsRepo.deleteByConnection(name);
      await runtime.connectionsRepo.delete(name);
      forget();
      await runtime.audit.record({ type: 'connection.deleted', connection: name, data: { deletedAccounts } });
      return { deletedAccounts };
    },

    /** providerOf without waiting, when the connections snapshot knows the answer (the token read path). */
    cachedProviderOf(name: string): Provider | undefined {
      const known = freshSnapshot()?.byName.get(name);
      return known && providerFor(known);
    },

    /**
     * The provider behind a connection, with the auth method the connection uses, from the
     * connections snapshot; a connection it does not know yet is read (CONNECTION_NOT_FOUND).
     */
    async providerOf(name: string): Promise<Provider> {
      const known = (await service.snapshot()).byName.get(name);
      return providerFor(known ?? toConnection(await findRow(name)));
    },

    /** The provider of a connection already read, with its auth method. */
    providerFor,

    /** For the engine only: the row plus its decrypted client secret. */
    async resolve(name: string): Promise<{ connection: Connection; clientSecret: string | undefined }> {
      const row = await findRow(name);
      const clientSecret = row.client_secret === null
        ? undefined
        : runtime.vault.open<string>(row.client_secret, { table: 'connections', rowId: row.name, field: 'client_secret' });
      return { connection: toConnection(row), clientSecret };
    },
  };
  return service;
}

export type ConnectionService = ReturnType<typeof createConnectionService>;

/** `ob.connections`: the public part of the service, without the engine's decrypting `resolve()`. */
export function toConnectionsApi(service: ConnectionService): ConnectionsApi {
  return Object.freeze({ upsert: service.upsert, get: service.get, list: service.list, delete: service.delete });
}
