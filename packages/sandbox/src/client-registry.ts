import type { Adapter, AdapterPayload, ClientAuthMethod } from 'oidc-provider';
import type { SandboxClient } from './types.ts';

/** The sandbox's clients, served to oidc-provider as its `Client` model. */
export interface ClientRegistry {
  /** Registers or replaces a client; validates it first so mistakes surface at the call site. */
  add(client: SandboxClient): void;
  /** The `Client` model adapter: oidc-provider looks clients up here on every request. */
  adapter: Adapter;
  /** The catalog provider a client was registered for, if any. */
  providerOf(clientId: string): string | undefined;
}

const METHODS = new Set(['client_secret_basic', 'client_secret_post', 'none']);

function validate(client: SandboxClient): void {
  if (typeof client.clientId !== 'string' || client.clientId.length === 0) {
    throw new TypeError('sandbox client: clientId must be a non-empty string');
  }
  if (!Array.isArray(client.redirectUris) || client.redirectUris.length === 0) {
    throw new TypeError(`sandbox client ${client.clientId}: redirectUris must list at least one URL`);
  }
  for (const uri of client.redirectUris) {
    if (!URL.canParse(uri)) throw new TypeError(`sandbox client ${client.clientId}: invalid redirect URI ${uri}`);
  }
  const method = client.tokenEndpointAuthMethod;
  if (method !== undefined && !METHODS.has(method)) {
    throw new TypeError(`sandbox client ${client.clientId}: unsupported tokenEndpointAuthMethod ${String(method)}`);
  }
  if (method !== undefined && method !== 'none' && !client.clientSecret) {
    throw new TypeError(`sandbox client ${client.clientId}: ${method} needs a clientSecret`);
  }
}

function authMethodFor(client: SandboxClient): ClientAuthMethod {
  return client.tokenEndpointAuthMethod ?? (client.clientSecret ? 'client_secret_basic' : 'none');
}

function toMetadata(client: SandboxClient): AdapterPayload {
  const method = authMethodFor(client);
  return {
    client_id: client.clientId,
    ...(method === 'none' ? {} : { client_secret: client.clientSecret }),
    redirect_uris: [...client.redirectUris],
    token_endpoint_auth_method: method,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}

/**
 * A Client ID Metadata Document as the client's metadata: fetched from its URL, refused unless it
 * names itself. Always a public client (the document is public, so it cannot carry a secret).
 */
async function metadataDocument(url: string): Promise<AdapterPayload | undefined> {
  let document: Record<string, unknown>;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    document = (await response.json()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (document.client_id !== url || !Array.isArray(document.redirect_uris)) return undefined;
  return {
    client_id: url,
    redirect_uris: document.redirect_uris as string[],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    ...(typeof document.client_name === 'string' ? { client_name: document.client_name } : {}),
  };
}

export function createClientRegistry(initial: SandboxClient[] = [], options: { metadataDocuments?: boolean } = {}): ClientRegistry {
  const clients = new Map<string, SandboxClient>();

  const add = (client: SandboxClient): void => {
    validate(client);
    clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
  };
  for (const client of initial) add(client);

  // Clients an app registered itself (RFC 7591 dynamic registration, as MCP clients do), kept as
  // oidc-provider wrote them. Those added with sandbox.addClient cannot be replaced that way.
  const registered = new Map<string, AdapterPayload>();
  const readOnly = async (): Promise<void> => {
    throw new Error('sandbox clients are managed with sandbox.addClient');
  };

  return {
    add,
    providerOf: (clientId) => clients.get(clientId)?.provider,
    adapter: {
      async find(id) {
        const client = clients.get(id);
        if (client) return toMetadata(client);
        if (registered.has(id)) return registered.get(id);
        return options.metadataDocuments && /^https?:\/\//.test(id) ? metadataDocument(id) : undefined;
      },
      async findByUid() { return undefined; },
      async findByUserCode() { return undefined; },
      async upsert(id, payload) {
        if (clients.has(id)) throw new Error('sandbox clients are managed with sandbox.addClient');
        registered.set(id, { ...payload });
      },
      consume: readOnly,
      async destroy(id) {
        if (clients.has(id)) throw new Error('sandbox clients are managed with sandbox.addClient');
        registered.delete(id);
      },
      revokeByGrantId: async () => {},
    },
  };
}
