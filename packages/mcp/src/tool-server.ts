import { CALL_TOOL, boundTools, type ToolError, type ToolSpec, type ToolsHost } from '@onbehalf/core';
import { McpServer, inputRequired, inputResponse, type CallToolResult, type StandardSchemaWithJSON } from '@modelcontextprotocol/server';

export interface ToolSelection {
  /** Only tools of these providers (`gmail`, `slack`, …). */
  providers?: string[];
  /** Only tools of these connections. */
  connections?: string[];
  /** Only these tools. */
  tools?: string[];
  /** `'search'`: two tools, search_tools and call_tool, instead of every selected one (for large catalogs). */
  mode?: 'all' | 'search';
}

export interface ToolServerOptions extends ToolSelection {
  /** The person every tool acts for: taken from the verified token (HTTP) or the command line (stdio), never from a tool call. */
  identifier: string;
  /** The protocol era of the instance (`createMcpHandler` and `serveStdio` tell): URL elicitation rides the 2026-07-28 multi-round-trip results. */
  era: 'legacy' | 'modern';
  serverInfo: { name: string; version: string };
}

/** The key of the embedded URL elicitation, one per connection the call is waiting on. */
const connectKey = (spec: ToolSpec) => `connect_${spec.connection}`;

/** The onbehalf answer as a tool result the model reads: compact JSON text, structured when it is an object. */
function resultOf(data: unknown): CallToolResult {
  const text = JSON.stringify(data ?? null);
  const structured = data !== null && typeof data === 'object' && !Array.isArray(data);
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: data as Record<string, unknown> } : {}) };
}

/** A failure the model can act on (fix its input, retry, or show the user the link), as an MCP tool error. */
function errorOf(error: ToolError): CallToolResult {
  const text = error.authorizationLink
    ? `${error.message} Ask the user to open this link to connect the account, then call the tool again: ${error.authorizationLink}`
    : error.message;
  return { isError: true, content: [{ type: 'text', text }], structuredContent: { ...error } };
}

/**
 * One MCP server instance holding the onbehalf tools of one identifier. Built per request (HTTP)
 * or per connection (stdio) by the SDK's serving entries, so an instance never outlives its caller
 * and never serves two people.
 *
 * A call whose account is not connected answers, on the 2026-07-28 revision and to a client that
 * declares URL-mode elicitation, an `input_required` result embedding the authorization link
 * (`elicitation/create`, mode `url`): the client shows it, the person consents, the client retries
 * and the retried call runs against the now-active account. Any other client gets the link in a
 * tool error the model can show.
 */
export async function createToolServer(ob: ToolsHost, options: ToolServerOptions): Promise<McpServer> {
  const { identifier, era } = options;
  const server = new McpServer(options.serverInfo, { capabilities: { tools: {} } });
  for (const { spec, run } of await boundTools(ob, { identifier, ...selectionOf(options) })) {
    server.registerTool(
      spec.name,
      { description: spec.description, inputSchema: spec.input as unknown as StandardSchemaWithJSON },
      async (input: unknown, ctx) => {
        const outcome = await run(input, ctx.mcpReq.signal);
        if (outcome.ok) return resultOf(outcome.data);
        const { error } = outcome;
        if (error.error !== 'AUTHORIZATION_REQUIRED' || !error.authorizationLink) return errorOf(error);
        const key = connectKey(spec);
        // The person declined or dismissed the link on the previous round: say so instead of asking again.
        const previous = inputResponse(ctx.mcpReq.inputResponses, key);
        const declined = previous.kind === 'elicit' && previous.action !== 'accept';
        const canElicitUrl = era === 'modern' && server.server.getClientCapabilities()?.elicitation?.url !== undefined;
        if (!canElicitUrl || declined) return errorOf(error);
        return inputRequired({
          inputRequests: {
            // call_tool runs tools of any provider: the error's own message names the account.
            [key]: inputRequired.elicitUrl({ message: spec.name === CALL_TOOL ? error.message : `Connect your ${spec.provider} account so "${spec.name}" can act for you.`, url: error.authorizationLink }),
          },
        });
      },
    );
  }
  return server;
}

const selectionOf = ({ providers, connections, tools, mode }: ToolSelection): ToolSelection => ({
  ...(providers ? { providers } : {}),
  ...(connections ? { connections } : {}),
  ...(tools ? { tools } : {}),
  ...(mode ? { mode } : {}),
});
