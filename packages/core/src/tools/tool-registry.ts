import type { Connection } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import { toolInputSchema } from './define-tool.ts';
import type { ToolDefinition, ToolSpec } from './tool-types.ts';

export interface ListedTool {
  spec: ToolSpec;
  definition: ToolDefinition;
}

const MAX_NAME = 64;

/**
 * Which connection keeps a provider's plain tool names: the one named like the provider
 * (`slack` for Slack), else the oldest. Adding a connection therefore never renames the tools an
 * app already hands to its agents.
 */
function primaryFirst(provider: string, connections: Connection[]): Connection[] {
  const ordered = [...connections].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name));
  const index = ordered.findIndex((c) => c.name.toLowerCase() === provider.toLowerCase());
  if (index > 0) ordered.unshift(...ordered.splice(index, 1));
  return ordered;
}

/**
 * Built-in tools plus the app's own (a custom tool with a built-in tool's name replaces it), listed
 * per connection. Naming rule: when several connections share a provider, the primary one (see
 * `primaryFirst`) lists `slack_send_message`, every other one `<connection name lowercased>_slack_send_message`.
 */
export function createToolRegistry(builtIn: readonly ToolDefinition[], custom: readonly ToolDefinition[] = []) {
  const byName = new Map<string, ToolDefinition>();
  for (const tool of builtIn) byName.set(tool.name, tool);
  const customNames = new Set<string>();
  for (const tool of custom) {
    if (customNames.has(tool.name)) throw new OnBehalfError('CONFIGURATION_ERROR', `Two custom tools are named '${tool.name}'.`);
    customNames.add(tool.name);
    byName.set(tool.name, tool);
  }
  const definitions = [...byName.values()];

  return {
    definitions: (): ToolDefinition[] => [...definitions],

    /**
     * Every tool of every connection, with unique names; `sourced` adds the run-time tools of
     * connections whose provider has a tool source (by connection name), named by the same rule.
     */
    listFor(connections: Connection[], sourced: ReadonlyMap<string, readonly ToolDefinition[]> = new Map()): ListedTool[] {
      const byProvider = new Map<string, Connection[]>();
      for (const connection of connections) byProvider.set(connection.provider, [...(byProvider.get(connection.provider) ?? []), connection]);
      const listed: ListedTool[] = [];
      const seen = new Map<string, string>();
      for (const [provider, group] of byProvider) {
        const declared = definitions.filter((d) => d.provider === provider);
        if (declared.length === 0 && !group.some((c) => sourced.has(c.name))) continue;
        primaryFirst(provider, group).forEach((connection, index) => {
          const prefix = index === 0 ? '' : `${connection.name.toLowerCase()}_`;
          for (const definition of [...declared, ...(sourced.get(connection.name) ?? [])]) {
            const name = `${prefix}${definition.name}`;
            const clash = seen.get(name);
            if (clash !== undefined) {
              throw new OnBehalfError('CONFIGURATION_ERROR', `Tool name '${name}' is listed for both connection '${clash}' and '${connection.name}'; rename a connection or a custom tool.`);
            }
            if (name.length > MAX_NAME) {
              throw new OnBehalfError('CONFIGURATION_ERROR', `Tool name '${name}' is longer than ${MAX_NAME} characters (what models accept); use a shorter connection name.`);
            }
            seen.set(name, connection.name);
            listed.push({
              definition,
              spec: {
                name,
                // With several accounts of one provider, the model needs to know which one a tool acts on.
                description: group.length > 1 ? `${definition.description} (Acts through the '${connection.name}' connection.)` : definition.description,
                provider,
                connection: connection.name,
                scopes: [...(definition.scopes ?? [])],
                writes: definition.writes === true,
                requiresApproval: false,
                inputSchema: structuredClone(toolInputSchema(definition)),
                dialect: 'json-schema',
                input: definition.input,
              },
            });
          }
        });
      }
      return listed;
    },
  };
}

export type ToolRegistry = ReturnType<typeof createToolRegistry>;
