import type { ToolsHost } from '@onbehalf/core';
import { createMcpHandler, hostHeaderValidationResponse, localhostAllowedHostnames, originValidationResponse, type McpHttpHandler } from '@modelcontextprotocol/server';
import { metadataUrlOf, PRM_PATH, protectedResourceMetadata } from './protected-resource-metadata.ts';
import { createResourceServer, type VerifyToken } from './resource-server.ts';
import { createToolServer, type ToolSelection } from './tool-server.ts';

export interface McpServerOptions extends ToolSelection {
  /**
   * Checks the bearer token of every request with the app's identity provider (JWT verification,
   * introspection, a session lookup): `{ identifier, scopes?, audience? }` for a valid token, null
   * for any other. The identifier comes from here only, never from a tool's arguments.
   */
  verifyToken: VerifyToken;
  /** Issuer URLs of the authorization servers clients get tokens from, named in the Protected Resource Metadata. */
  authorizationServers: string[];
  /** The public URL of the MCP endpoint (`https://app.example.com/mcp`): the RFC 8707 resource tokens must be issued for. */
  resource: string | URL;
  /** Scopes a token must carry to use the server at all (403 insufficient_scope otherwise); also advertised. */
  requiredScopes?: string[];
  /** Further scopes advertised in the metadata as understood. */
  scopesSupported?: string[];
  /** `resource_name` of the metadata and the server's name in the MCP handshake. */
  name?: string;
  /**
   * Hostnames (no scheme or port) of the web pages whose browsers may call the endpoint, besides
   * the resource's own: a request with any other `Origin` header is refused (403), against DNS
   * rebinding and cross-site requests. Non-browser clients send no Origin and are not affected.
   */
  allowedOrigins?: string[];
  /** Called with errors the SDK reports out of band (rejected requests, handler failures); no secrets in them. */
  onError?: (error: Error) => void;
}

export interface OnBehalfMcpServer {
  /** Serves one HTTP request (MCP over Streamable HTTP, or the metadata document): what the framework adapters mount. */
  handler(request: Request): Promise<Response>;
  /** The URL the 401 challenges name for the Protected Resource Metadata. */
  resourceMetadataUrl: string;
  /** Ends in-flight streams. */
  close(): Promise<void>;
}

const VERSION = '0.1.0';

/**
 * A per-user MCP server over Streamable HTTP: one URL serves everyone, and each request sees the
 * onbehalf tools of the identifier its access token names. It is an OAuth 2.1 resource server as
 * the MCP authorization spec requires (RFC 9728 metadata, 401 with `WWW-Authenticate: Bearer
 * resource_metadata=…`, audience checked against `resource`, 403 insufficient_scope); the client's
 * token only identifies the person and never reaches a provider, whose calls use the tokens in the
 * vault. Serves the 2026-07-28 revision, and 2025-06-18 / 2025-11-25 clients statelessly.
 */
export function createMcpServer(ob: ToolsHost, options: McpServerOptions): OnBehalfMcpServer {
  const resource = new URL(options.resource);
  if (options.authorizationServers.length === 0) throw new TypeError('createMcpServer needs at least one authorization server.');
  const requiredScopes = options.requiredScopes ?? [];
  const resourceMetadataUrl = metadataUrlOf(resource, 'mounted');
  const metadata = protectedResourceMetadata({
    resource,
    authorizationServers: options.authorizationServers,
    scopesSupported: [...new Set([...requiredScopes, ...(options.scopesSupported ?? [])])],
    ...(options.name ? { resourceName: options.name } : {}),
  });
  const authenticate = createResourceServer({ verifyToken: options.verifyToken, resource, requiredScopes, resourceMetadataUrl });
  const serverInfo = { name: options.name ?? 'onbehalf', version: VERSION };
  const selection: ToolSelection = { ...(options.providers ? { providers: options.providers } : {}), ...(options.connections ? { connections: options.connections } : {}), ...(options.tools ? { tools: options.tools } : {}), ...(options.mode ? { mode: options.mode } : {}) };

  const mcp: McpHttpHandler = createMcpHandler(
    ({ era, authInfo }) => {
      // Set by the gate below from the verified token; a request without it never gets here.
      const identifier = authInfo?.extra?.['identifier'];
      if (typeof identifier !== 'string') throw new Error('The MCP handler was reached without a verified identifier.');
      return createToolServer(ob, { ...selection, identifier, era, serverInfo });
    },
    { ...(options.onError ? { onerror: options.onError } : {}) },
  );

  // The MCP transport spec's DNS rebinding defence, with the SDK's checks: the Origin of a browser
  // request must be allowed, and a server on a loopback URL answers loopback Host names only (a
  // public one may sit behind proxies that rewrite Host, so it is not held to one).
  const origins = [resource.hostname, ...(options.allowedOrigins ?? [])];
  const loopback = localhostAllowedHostnames().includes(resource.hostname);
  const guard = (request: Request) => (loopback ? hostHeaderValidationResponse(request, localhostAllowedHostnames()) : undefined) ?? originValidationResponse(request, origins);

  const metadataPaths = new Set([new URL(resourceMetadataUrl).pathname, new URL(metadataUrlOf(resource, 'inserted')).pathname]);

  return {
    resourceMetadataUrl,
    async handler(request) {
      const path = new URL(request.url).pathname.replace(/\/$/, '');
      if (metadataPaths.has(path) || path.endsWith(PRM_PATH)) {
        if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
        if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD, OPTIONS' } });
        return Response.json(metadata, { headers: { ...corsHeaders, 'cache-control': 'public, max-age=300' } });
      }
      const refused = guard(request);
      if (refused) return refused;
      const principal = await authenticate(request);
      if (principal instanceof Response) return principal;
      return mcp.fetch(request, {
        authInfo: { token: principal.token, clientId: 'onbehalf-mcp', scopes: principal.scopes, resource, extra: { identifier: principal.identifier } },
      });
    },
    close: () => mcp.close(),
  };
}

// Browser-based clients (inspectors) read the metadata cross-origin; it holds nothing secret.
const corsHeaders = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'mcp-protocol-version' };
