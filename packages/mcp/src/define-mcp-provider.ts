import { defineProvider, type Provider } from '@onbehalf/core';
import { createMcpToolSource } from './mcp-tool-source.ts';

export interface McpProviderOptions {
  /** Provider id (lowercase letters, digits, '-' or '_'); also the prefix of its tool names. */
  id: string;
  name: string;
  /** The remote server's MCP endpoint (`https://mcp.example.com/mcp`): its RFC 8707 resource and its API base URL. */
  url: string | URL;
  description?: string;
  /** Scopes every connection asks for (the server's `scopes_supported`, usually). */
  scopes?: string[];
  /** Only these of the server's tools, by their remote names. */
  tools?: string[];
  /** Errors of the tool listing connection; nothing secret in them. */
  onError?: (error: Error) => void;
}

/** A provider whose API is a remote MCP server; `close()` ends its tool listing connections. */
export type McpProvider = Provider & { readonly mcp: { readonly url: string }; close(): Promise<void> };

/**
 * A remote MCP server as an onbehalf provider: `providers: [defineMcpProvider({ id, name, url })]`,
 * then `registerMcpConnection(ob, { connection, provider })` once to find its authorization server
 * and register the app there. Its accounts are OAuth 2.0 accounts like any other (PKCE, the vault,
 * the refresh lease, statuses), with the `resource` parameter on every authorization and token
 * request as the MCP authorization spec asks; its tools are the server's own, listed at run time
 * and run with each identifier's token.
 */
export function defineMcpProvider(options: McpProviderOptions): McpProvider {
  const url = new URL(options.url);
  url.hash = '';
  const resource = url.href;
  const toolSource = createMcpToolSource({ url, prefix: options.id.replace(/-/g, '_'), ...(options.tools ? { tools: options.tools } : {}), ...(options.onError ? { onError: options.onError } : {}) });
  const provider = defineProvider({
    id: options.id,
    name: options.name,
    ...(options.description ? { description: options.description } : {}),
    auth: {
      type: 'oauth2',
      // The authorization server lives where the server's Protected Resource Metadata says; the
      // connection names it (endpoints.issuer, set by registerMcpConnection). The server's own
      // origin stands in until then, as it is the usual place.
      issuer: url.origin,
      authorizationParams: { resource },
      tokenRequestParams: { resource },
      ...(options.scopes ? { defaultScopes: options.scopes } : {}),
    },
    api: { baseUrl: resource },
    toolSource,
  });
  return Object.freeze({ ...provider, mcp: Object.freeze({ url: resource }), close: () => toolSource.close() });
}
