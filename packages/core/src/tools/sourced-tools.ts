import type { Connection } from '../connections/index.ts';
import { OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { SourcedTool } from '../providers/index.ts';
import type { Runtime } from '../runtime.ts';
import { createAuthenticatedFetch, type AuthenticatedFetchOptions, type RequestAuthResolver } from '../api-client/index.ts';
import type { ToolDefinition } from './tool-types.ts';

/** The run-time tools of each connection whose provider has a tool source, by connection name. */
export type SourcedTools = ReadonlyMap<string, readonly ToolDefinition[]>;

/**
 * Asks the tool source of every connection's provider (a remote MCP server) for its tools. The
 * source's `fetch` acts as any ACTIVE account of the connection, picked per request, so a revoked
 * or expired account is simply passed over. A source answering the same array gets the same
 * definitions back, which is how the tool index knows nothing changed.
 */
export function createSourcedTools(options: { runtime: Runtime; resolveAuth: RequestAuthResolver; fetchOptions?: AuthenticatedFetchOptions }) {
  const { runtime, resolveAuth, fetchOptions } = options;
  const definitionsOf = new WeakMap<readonly SourcedTool[], readonly ToolDefinition[]>();

  const fetchAsAnyAccount = (connection: string) => async (pathOrUrl: string | URL, init?: RequestInit): Promise<Response> => {
    const [row] = await runtime.accountsRepo.list({ connection, status: 'ACTIVE', limit: 1 });
    if (!row) throw new OnBehalfError('AUTHORIZATION_REQUIRED', `No account of connection '${connection}' is connected yet, so its tools cannot be listed.`, { details: { connection } });
    return createAuthenticatedFetch(await resolveAuth.forRow(row), fetchOptions)(pathOrUrl, init);
  };

  return async function sourcedTools(connections: readonly Connection[]): Promise<SourcedTools> {
    const found = new Map<string, readonly ToolDefinition[]>();
    await Promise.all(connections.map(async (connection) => {
      const provider = runtime.providers.has(connection.provider) ? runtime.providers.get(connection.provider) : undefined;
      if (!provider?.toolSource) return;
      let tools: readonly SourcedTool[];
      try {
        tools = await provider.toolSource.list({ connection: connection.name, fetch: fetchAsAnyAccount(connection.name) });
      } catch (error) {
        runtime.logger.warn('onbehalf could not list the tools of a tool source', { connection: connection.name, code: isOnBehalfError(error) ? error.code : 'UNKNOWN' });
        return;
      }
      let definitions = definitionsOf.get(tools);
      if (!definitions) {
        definitions = tools.map((tool): ToolDefinition => ({
          name: tool.name,
          provider: provider.id,
          description: tool.description,
          input: tool.input,
          ...(tool.scopes ? { scopes: tool.scopes } : {}),
          ...(tool.writes !== undefined ? { writes: tool.writes } : {}),
          execute: (input, context) => tool.execute(input, { fetch: context.fetch, connection: context.connection, signal: context.signal }),
        }));
        definitionsOf.set(tools, definitions);
      }
      found.set(connection.name, definitions);
    }));
    return found;
  };
}

/** Whether two answers of `sourcedTools` hold the same definitions for the same connections. */
export function sameSourcedTools(a: SourcedTools, b: SourcedTools): boolean {
  return a.size === b.size && [...a].every(([connection, tools]) => b.get(connection) === tools);
}
