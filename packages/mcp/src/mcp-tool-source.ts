import { OnBehalfError, isOnBehalfError, type ProviderToolSource, type SourcedTool, type SourcedToolContext, type ToolSourceContext } from '@onbehalf/core';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { z } from 'zod';

export interface McpToolSourceOptions {
  /** The remote server's MCP endpoint. */
  url: URL;
  /** Put ahead of every remote tool name (`linear` → `linear_create_issue`): the provider id by default. */
  prefix: string;
  /** Only these remote tools (by their remote name); default all. */
  tools?: string[];
  /** Errors of the long-lived listing connection (it reconnects on the next listing). */
  onError?: (error: Error) => void;
}

/** A tool as `tools/list` describes it; what the listing needs of the SDK's `Tool`. */
interface RemoteTool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; title?: string };
}

const MAX_NAME = 64;
const CLIENT_INFO = { name: 'onbehalf', version: '0.1.0' };
// A 2026-07-28 server where the remote offers it (its list changes come on a subscription), else a 2025 one.
const NEGOTIATION = { versionNegotiation: { mode: 'auto' as const } };

/** A listed name models accept: letters, digits and '_' (what a remote server's `get-weather` or `files.read` is not). */
const listedName = (prefix: string, remote: string): string => `${prefix}_${remote.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The remote input schema as zod, for onbehalf's validation and its dialects; a schema zod cannot read takes any object. */
function inputOf(schema: Record<string, unknown>): z.ZodType {
  try {
    const converted = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    if (converted instanceof z.ZodObject) return converted;
  } catch {
    // Left to the remote server, which validates its own input anyway.
  }
  return z.looseObject({});
}

/** What a model reads of a tool result: its structured content, else its text. */
function dataOf(result: { content?: unknown; structuredContent?: unknown }): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const content = Array.isArray(result.content) ? (result.content as Array<{ type: string; text?: string }>) : [];
  if (content.length > 0 && content.every((part) => part.type === 'text')) return content.map((part) => part.text).join('\n');
  return content;
}

/**
 * A fetch that remembers the onbehalf error it threw (the account needs consent, a refresh was
 * refused): the SDK wraps transport failures in its own errors, and the caller wants the original.
 */
function tracking(fetch: SourcedToolContext['fetch']) {
  const seen: { error?: OnBehalfError } = {};
  const wrapped = async (url: string | URL, init?: RequestInit) => {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (isOnBehalfError(error)) seen.error = error;
      throw error;
    }
  };
  return { fetch: wrapped, rethrow: (error: unknown): never => { throw seen.error ?? error; } };
}

/**
 * The tools of a remote MCP server, as a core tool source: listed over one long-lived client per
 * connection (the official SDK's, authenticated as one connected account) and cached until the
 * server sends `notifications/tools/list_changed`; each call runs in a client of its own,
 * authenticated as the calling identifier's account, so no call ever uses another person's token.
 */
export function createMcpToolSource(options: McpToolSourceOptions): ProviderToolSource & { close(): Promise<void> } {
  const { url, prefix } = options;
  const only = options.tools ? new Set(options.tools) : undefined;
  const listings = new Map<string, { tools?: readonly SourcedTool[]; client?: Client; loading?: Promise<readonly SourcedTool[]> }>();

  function toSourced(remote: readonly RemoteTool[]): readonly SourcedTool[] {
    const sourced: SourcedTool[] = [];
    const names = new Set<string>();
    for (const tool of remote) {
      if (only && !only.has(tool.name)) continue;
      const name = listedName(prefix, tool.name);
      // A name no model accepts, or two remote names that read the same once cleaned, would break
      // the whole listing: such a tool is left out, and said so.
      if (name.length > MAX_NAME || names.has(name)) {
        options.onError?.(new Error(`The remote MCP tool '${tool.name}' is not listed: '${name}' is ${names.has(name) ? 'taken' : `longer than ${MAX_NAME} characters`}.`));
        continue;
      }
      names.add(name);
      sourced.push({
        name,
        description: tool.description ?? tool.annotations?.title ?? tool.name,
        input: inputOf(tool.inputSchema),
        ...(tool.annotations?.readOnlyHint !== undefined ? { writes: !tool.annotations.readOnlyHint } : {}),
        execute: (input, context) => callTool(tool.name, input, context),
      });
    }
    return sourced;
  }

  async function callTool(remoteName: string, input: unknown, context: SourcedToolContext): Promise<unknown> {
    const { fetch, rethrow } = tracking(context.fetch);
    const client = new Client(CLIENT_INFO, NEGOTIATION);
    try {
      await client.connect(new StreamableHTTPClientTransport(url, { fetch })).catch(rethrow);
      const result = await client.callTool({ name: remoteName, arguments: (input ?? {}) as Record<string, unknown> }, { signal: context.signal }).catch(rethrow);
      if (result.isError) {
        const text = typeof dataOf(result) === 'string' ? (dataOf(result) as string) : JSON.stringify(dataOf(result));
        throw new OnBehalfError('PROVIDER_API_ERROR', `The MCP server answered ${remoteName} with an error: ${text.slice(0, 1_000)}`, { details: { tool: remoteName } });
      }
      return dataOf(result);
    } finally {
      await client.close().catch(() => {});
    }
  }

  async function load(connection: string, context: ToolSourceContext): Promise<readonly SourcedTool[]> {
    const entry = listings.get(connection)!;
    const { fetch, rethrow } = tracking(context.fetch);
    const client = new Client(CLIENT_INFO, {
      ...NEGOTIATION,
      listChanged: {
        tools: {
          onChanged: (error, tools) => {
            if (error) return options.onError?.(error);
            // A new array: the tool index sees the change and is rebuilt on the next listing.
            if (tools) entry.tools = toSourced(tools as RemoteTool[]);
          },
        },
      },
    });
    client.onerror = (error) => options.onError?.(error);
    client.onclose = () => {
      // The listing connection ended (server restart, the account went away): list afresh next time.
      if (entry.client === client) listings.delete(connection);
    };
    try {
      await client.connect(new StreamableHTTPClientTransport(url, { fetch })).catch(rethrow);
      const { tools } = await client.listTools().catch(rethrow);
      entry.client = client;
      entry.tools = toSourced(tools as RemoteTool[]);
      return entry.tools;
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
  }

  return {
    async list(context) {
      let entry = listings.get(context.connection);
      if (entry?.tools) return entry.tools;
      if (!entry) listings.set(context.connection, (entry = {}));
      const current = entry;
      current.loading ??= load(context.connection, context).finally(() => {
        current.loading = undefined;
      });
      try {
        return await current.loading;
      } catch (error) {
        if (listings.get(context.connection) === current && !current.tools) listings.delete(context.connection);
        throw error;
      }
    },
    async close() {
      const clients = [...listings.values()].map((entry) => entry.client).filter((c): c is Client => c !== undefined);
      listings.clear();
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
    },
  };
}
