import { OnBehalfError, isOnBehalfError, type Connection, type OnBehalf } from '@onbehalf/core';
import { discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/client';
import * as oauth from 'openid-client';
import type { McpProvider } from './define-mcp-provider.ts';

export interface RegisterMcpConnectionOptions {
  /** The connection's name (its callback path is `{baseUrl}/callback/{connection}`). */
  connection: string;
  provider: McpProvider;
  /**
   * The URL of the app's Client ID Metadata Document (an https URL serving the app's client
   * metadata as JSON): used as the client id where the authorization server supports them.
   */
  clientMetadataUrl?: string;
  /** Credentials registered by hand, for an authorization server with neither CIMD nor dynamic registration. */
  clientId?: string;
  clientSecret?: string;
  /** Scopes for the connection; default the provider's and the server's advertised ones. */
  scopes?: string[];
  /** Shown on the consent screen where the server registers clients dynamically. Default 'onbehalf'. */
  clientName?: string;
  /** Register again even when the connection has a client already. */
  force?: boolean;
}

export interface McpRegistration {
  connection: Connection;
  /** How the app became a client: `existing` means the connection was registered before. */
  method: 'existing' | 'client_id_metadata_document' | 'dynamic_registration' | 'configured';
  issuer: string;
}

const isLoopback = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * Makes the app a client of a remote MCP server's authorization server and stores that as a
 * connection, once: Protected Resource Metadata (RFC 9728, the SDK's discovery) names the
 * authorization server, openid-client reads its metadata, and the client id is the app's Client
 * ID Metadata Document where supported, else one from dynamic client registration (RFC 7591),
 * else the configured credentials. A registered connection is kept (its refresh tokens are bound
 * to that client), so call this at every start.
 */
export async function registerMcpConnection(ob: Pick<OnBehalf, 'connections' | 'baseUrl'>, options: RegisterMcpConnectionOptions): Promise<McpRegistration> {
  const { connection: name, provider } = options;
  const existing = await ob.connections.get(name).catch((error: unknown) => {
    if (isOnBehalfError(error) && error.code === 'CONNECTION_NOT_FOUND') return undefined;
    throw error;
  });
  if (existing && !options.force) {
    if (existing.provider !== provider.id) throw new OnBehalfError('CONFIGURATION_ERROR', `Connection '${name}' belongs to provider '${existing.provider}', not '${provider.id}'.`);
    if (existing.clientId && existing.endpoints.issuer) return { connection: existing, method: 'existing', issuer: existing.endpoints.issuer };
  }
  if (!ob.baseUrl) throw new OnBehalfError('CONFIGURATION_ERROR', 'registerMcpConnection needs createOnBehalf({ baseUrl }): the redirect URI is registered at the authorization server.');
  const redirectUri = `${ob.baseUrl}/callback/${encodeURIComponent(name)}`;
  const resource = provider.mcp.url;

  let issuer: string;
  let advertised: string[] = [];
  try {
    const metadata = await discoverOAuthProtectedResourceMetadata(resource);
    // RFC 9728 §3.3: the metadata must be about this very resource.
    if (metadata.resource.replace(/\/$/, '') !== resource.replace(/\/$/, '')) throw new Error(`its metadata names the resource ${metadata.resource}`);
    const first = metadata.authorization_servers?.[0];
    if (!first) throw new Error('its metadata names no authorization server');
    issuer = first;
    advertised = metadata.scopes_supported ?? [];
  } catch (error) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `The MCP server ${resource} names no usable authorization server: ${error instanceof Error ? error.message : String(error)}.`, { details: { connection: name } });
  }

  const issuerUrl = new URL(issuer);
  const execute = isLoopback(issuerUrl) ? [oauth.allowInsecureRequests] : [];
  let server: oauth.ServerMetadata;
  try {
    server = (await oauth.discovery(issuerUrl, options.clientMetadataUrl ?? options.clientId ?? 'onbehalf', undefined, undefined, { execute })).serverMetadata();
  } catch (error) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Discovery of the authorization server ${issuer} failed: ${error instanceof Error ? error.message : String(error)}.`, { details: { connection: name } });
  }

  const scopes = options.scopes ?? [...new Set([...(provider.auth.type === 'oauth2' ? provider.auth.defaultScopes ?? [] : []), ...advertised])];
  let method: McpRegistration['method'];
  let clientId: string;
  let clientSecret: string | undefined;
  if (options.clientMetadataUrl && server.client_id_metadata_document_supported === true) {
    method = 'client_id_metadata_document';
    clientId = options.clientMetadataUrl;
  } else if (server.registration_endpoint) {
    method = 'dynamic_registration';
    try {
      const registered = await oauth.dynamicClientRegistration(issuerUrl, {
        client_name: options.clientName ?? 'onbehalf',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      }, undefined, { execute });
      const metadata = registered.clientMetadata();
      clientId = metadata.client_id;
      clientSecret = typeof metadata.client_secret === 'string' ? metadata.client_secret : undefined;
    } catch (error) {
      // openid-client's error may carry the registration response (a client secret): only its code goes out.
      const code = error instanceof oauth.ResponseBodyError ? error.error : error instanceof Error ? error.name : 'error';
      throw new OnBehalfError('CONFIGURATION_ERROR', `Dynamic client registration at ${issuer} failed (${code}).`, { details: { connection: name } });
    }
  } else if (options.clientId) {
    method = 'configured';
    clientId = options.clientId;
    clientSecret = options.clientSecret;
  } else {
    throw new OnBehalfError('CONFIGURATION_ERROR', `The authorization server ${issuer} supports neither Client ID Metadata Documents${options.clientMetadataUrl ? '' : ' (no clientMetadataUrl given)'} nor dynamic registration: give registerMcpConnection a clientId.`, { details: { connection: name } });
  }

  const connection = await ob.connections.upsert({
    name,
    provider: provider.id,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    scopes,
    endpoints: { issuer },
  });
  return { connection, method, issuer };
}
