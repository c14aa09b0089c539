import { z } from 'zod';
import type { AccountStatus } from '../../accounts/index.ts';
import { newId } from '../../store/index.ts';
import { bindTool, selectToolSpecs, type BoundTool, type BoundToolEntry, type GetToolsOptions, type ToolError, type ToolOutcome, type ToolsHost } from '../bind-tool.ts';
import { toolInputSchema } from '../define-tool.ts';
import { dialectSchema } from '../dialects/dialect-schema.ts';
import { fromDialectInput } from '../dialects/from-dialect-input.ts';
import type { SchemaDialect } from '../dialects/schema-node.ts';
import type { ToolSpec } from '../tool-types.ts';
import { createToolIndex } from './rank-tools.ts';

// A catalog of 100+ tools costs a model tens of thousands of tokens before it has done anything.
// In search mode it is shown two tools instead: one that finds the tools for a request, with their
// schemas, and one that runs a tool by name. call_tool goes through the same binding as the full
// list (identifier, error policy, dialect mapping), so nothing but the listing changes.

export const SEARCH_TOOLS = 'search_tools';
export const CALL_TOOL = 'call_tool';
/** Results per search unless the model asks for fewer or more (never more than MAX_RESULTS). */
export const DEFAULT_RESULTS = 5;
export const MAX_RESULTS = 10;

const searchInput = z.object({
  query: z.string().min(1).max(500).describe('What the user wants done, in plain words, e.g. "email Dana the report" or "create a Jira ticket"'),
  limit: z.number().int().min(1).max(MAX_RESULTS).optional().describe(`How many tools to return, at most ${MAX_RESULTS} (default ${DEFAULT_RESULTS})`),
});

const callInput = z.object({
  name: z.string().min(1).max(128).describe(`The tool's name, as ${SEARCH_TOOLS} returned it`),
  input: z.record(z.string(), z.unknown()).describe(`The tool's input, written against the inputSchema ${SEARCH_TOOLS} returned for it ({} when it takes none)`),
});

/** One tool found by search_tools, as the model reads it. */
export interface FoundTool {
  name: string;
  description: string;
  provider: string;
  /** In the dialect the other tools are listed in: what `call_tool`'s `input` is written against. */
  inputSchema: Record<string, unknown>;
  /** When the user has not connected the tool's account: the same answer the tool itself would give. */
  authorization?: ToolError;
  /** The tool sends, creates, updates, deletes or posts. */
  writes?: true;
  /** A call waits for the person's approval (the model should tell them what it is about to do). */
  requiresApproval?: true;
}

/** The two meta-tools, `search_tools` and `call_tool`, over the tools `options` select. */
export async function searchModeTools(ob: ToolsHost, options: GetToolsOptions): Promise<BoundToolEntry[]> {
  const specs = await selectToolSpecs(ob, options);
  const dialect: SchemaDialect = options.dialect ?? 'json-schema';
  const index = createToolIndex(specs);
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const bound = new Map<string, BoundTool>();
  const providers = [...new Set(specs.map((spec) => spec.provider))].sort();

  const searchSpec = metaSpec(SEARCH_TOOLS, dialect, searchInput,
    `Finds the tools that can do what the user asks, best match first, each with its name, description and inputSchema; then run one with ${CALL_TOOL}. `
    + `Search by what the tool does, not by its name. Services available: ${providers.length > 0 ? providers.join(', ') : 'none'}. `
    + 'A tool whose account the user has not connected yet comes with an authorization link to show them.');
  const callSpec = metaSpec(CALL_TOOL, dialect, callInput,
    `Runs one tool found with ${SEARCH_TOOLS}, by its name, with its input. Answers with the tool's result or an error to act on.`);

  const search: BoundTool = async (raw) => {
    const parsed = parseInput(searchSpec, raw);
    if (!parsed.ok) return parsed;
    const hits = index.search(parsed.data.query, parsed.data.limit ?? DEFAULT_RESULTS);
    const authorizations = await authorizationsFor(ob, options.identifier, [...new Set(hits.map((hit) => hit.spec))]);
    const tools = hits.map(({ spec }): FoundTool => {
      const authorization = authorizations.get(spec.connection);
      return {
        name: spec.name, description: spec.description, provider: spec.provider, inputSchema: spec.inputSchema,
        ...(authorization ? { authorization } : {}),
        ...(spec.writes ? { writes: true as const } : {}),
        ...(spec.requiresApproval ? { requiresApproval: true as const } : {}),
      };
    });
    const data = tools.length > 0 ? { tools }
      : { tools, message: `No tool matches "${parsed.data.query}". Try other words for what it should do. Services available: ${providers.join(', ') || 'none'}.` };
    return { ok: true, data, executionId: newId('exe') };
  };

  const call: BoundTool = async (raw, signal) => {
    const parsed = parseInput(callSpec, raw);
    if (!parsed.ok) return parsed;
    const spec = byName.get(parsed.data.name);
    if (!spec) {
      return { ok: false, error: { error: 'TOOL_NOT_FOUND', message: `No tool '${parsed.data.name}'. Call ${SEARCH_TOOLS} to find the tool for the job and use the name it returns.` } };
    }
    let run = bound.get(spec.name);
    if (!run) bound.set(spec.name, (run = bindTool(ob, spec, options)));
    return run(parsed.data.input, signal);
  };

  return [{ spec: searchSpec, run: search }, { spec: callSpec, run: call }];
}

type MetaSpec<S extends z.ZodObject> = ToolSpec & { input: S };

function metaSpec<S extends z.ZodObject>(name: string, dialect: SchemaDialect, input: S, description: string): MetaSpec<S> {
  const inputSchema = structuredClone(dialectSchema(toolInputSchema({ name, input }), dialect)) as ToolSpec['inputSchema'];
  return { name, description, provider: 'onbehalf', connection: 'onbehalf', scopes: [], inputSchema, dialect, input };
}

/** The meta-tool's input mapped back from its dialect and validated, or the error the model gets. */
function parseInput<S extends z.ZodObject>(spec: MetaSpec<S>, raw: unknown): { ok: true; data: z.output<S> } | Extract<ToolOutcome, { ok: false }> {
  const restored = fromDialectInput(toolInputSchema(spec), spec.dialect, raw ?? {}) as Record<string, unknown> | undefined;
  // A model may write call_tool's input as JSON text in any dialect: read it as the object it holds.
  if (restored && typeof restored === 'object' && typeof restored.input === 'string') {
    try {
      restored.input = JSON.parse(restored.input);
    } catch {
      // Left as text: zod says an object was expected.
    }
  }
  const parsed = spec.input.safeParse(restored);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`);
  return { ok: false, error: { error: 'TOOL_INPUT_INVALID', message: `Invalid input for ${spec.name}: ${issues.join('; ')}.` } };
}

/**
 * For each connection of the found tools whose account is not ACTIVE for `identifier`: the
 * AUTHORIZATION_REQUIRED answer its tools would give, with a reusable link (so searching again
 * mints no new one). Nothing when the host cannot tell (no `accounts`): the tool says so when called.
 */
async function authorizationsFor(ob: ToolsHost, identifier: string, specs: ToolSpec[]): Promise<Map<string, ToolError>> {
  const out = new Map<string, ToolError>();
  const accounts = ob.accounts;
  if (!accounts || specs.length === 0) return out;
  const { items } = await accounts.list({ identifier, limit: 500 });
  const statuses = new Map<string, AccountStatus>();
  // Several aliases on one connection: one ACTIVE account is enough for the tool to run.
  for (const account of items) if (statuses.get(account.connection) !== 'ACTIVE') statuses.set(account.connection, account.status);
  const seen = new Set<string>();
  for (const spec of specs) {
    const connection = spec.connection;
    const status = statuses.get(connection) ?? 'PENDING';
    if (status === 'ACTIVE' || seen.has(connection)) continue;
    seen.add(connection);
    let authorizationLink: string | undefined;
    // A suspended account is the app's decision: consent would not change it, and links refuse it.
    if (status !== 'SUSPENDED') {
      authorizationLink = await accounts.authorizationLink({ connection, identifier, reuse: true }).then(({ link }) => link, () => undefined);
    }
    const why = status === 'PENDING' ? 'is not connected yet' : status === 'SUSPENDED' ? 'is suspended by the app' : `needs to be re-authorized (status ${status})`;
    out.set(connection, {
      error: 'AUTHORIZATION_REQUIRED',
      status,
      ...(authorizationLink ? { authorizationLink } : {}),
      message: `The ${spec.provider} account (connection '${connection}') ${why}.${authorizationLink ? ' Ask the person to open the authorization link.' : ''}`,
    });
  }
  return out;
}
