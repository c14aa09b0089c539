/** The path RFC 9728 puts the metadata under, ahead of the resource's own path. */
export const PRM_PATH = '/.well-known/oauth-protected-resource';

export interface ProtectedResourceMetadataOptions {
  resource: URL;
  /** Issuer URLs of the authorization servers that mint tokens for this resource (the app's identity provider). */
  authorizationServers: string[];
  scopesSupported?: string[];
  resourceName?: string;
  resourceDocumentation?: string;
}

/**
 * The RFC 9728 Protected Resource Metadata document. Written out rather than taken from the
 * SDK's `buildOAuthProtectedResourceMetadata`, which wants the authorization server's whole
 * RFC 8414 document up front: here only its issuer is configured, and clients fetch the rest.
 */
export function protectedResourceMetadata(options: ProtectedResourceMetadataOptions): Record<string, unknown> {
  const resource = new URL(options.resource.href);
  resource.hash = '';
  return {
    resource: resource.href,
    authorization_servers: options.authorizationServers,
    bearer_methods_supported: ['header'],
    ...(options.scopesSupported?.length ? { scopes_supported: options.scopesSupported } : {}),
    ...(options.resourceName ? { resource_name: options.resourceName } : {}),
    ...(options.resourceDocumentation ? { resource_documentation: options.resourceDocumentation } : {}),
  };
}

/**
 * Where the document lives for a resource URL. RFC 9728 §3.1 inserts the well-known path ahead of
 * the resource path (`https://app/.well-known/oauth-protected-resource/mcp`); the MCP handler also
 * answers it under its own mount (`https://app/mcp/.well-known/oauth-protected-resource`) because
 * a router mounted at `/mcp` never sees the first form. Clients read the URL from the 401
 * challenge, so the challenge names the one the handler is sure to receive.
 */
export function metadataUrlOf(resource: URL, served: 'inserted' | 'mounted'): string {
  const path = resource.pathname.replace(/\/$/, '');
  if (served === 'inserted') return new URL(`${PRM_PATH}${path}`, resource.origin).href;
  return new URL(`${path}${PRM_PATH}`, resource.origin).href;
}
