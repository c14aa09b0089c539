import { AuthorizationRequiredError, InsufficientScopesError, OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { AccountsApi } from '../public-api/index.ts';
import type { ToolsApi } from './create-tools.ts';
import type { SchemaDialect } from './dialects/schema-node.ts';
import type { ToolSpec } from './tool-types.ts';
import { ApprovalRequiredError, type RequireApproval } from './approval/index.ts';

// What the agent adapters (@onbehalf/langchain, ai-sdk, google-genai) share: the identifier bound
// when tools are made, and one policy for turning failures into something the model can act on.

/** The part of `OnBehalf` an agent adapter needs: `ob.tools`, and `ob.accounts` for tool search to tell connected accounts from others. */
export interface ToolsHost {
  tools: Pick<ToolsApi, 'list' | 'execute'>;
  accounts?: Pick<AccountsApi, 'list' | 'authorizationLink'>;
}

export interface GetToolsOptions {
  /** The user (org, …) every tool acts for. Bound here; it never appears in a tool's input schema. */
  identifier: string;
  /** Only tools of these providers (`gmail`, `slack`, …). */
  providers?: string[];
  /** Only tools of these connections (by connection name). */
  connections?: string[];
  /** Only these tools (by tool name). */
  tools?: string[];
  /** The schema form the model is shown; each adapter picks its own target's, this overrides it. */
  dialect?: SchemaDialect;
  /**
   * `'all'` (default): every selected tool. `'search'`: two meta-tools instead, `search_tools`
   * (ranked search over the selected tools, with their schemas) and `call_tool` (runs one by name),
   * for catalogs too large to show a model whole.
   */
  mode?: 'all' | 'search';
  /**
   * When the account is not ACTIVE: `'return'` (default) hands the model an AUTHORIZATION_REQUIRED
   * result with a link to show the user; `'throw'` rethrows the AuthorizationRequiredError.
   */
  onAuthorizationRequired?: 'return' | 'throw';
  /**
   * Which calls wait for a person's yes (default createOnBehalf's `requireApproval`): `'writes'`,
   * `true`, a function of the tool, or `false`. Adapters whose framework has an approval step map
   * it to that step; the others hand the model APPROVAL_REQUIRED until `ob.tools.approve(approvalId)`.
   */
  requireApproval?: RequireApproval;
  /** The bound on each output's JSON the model gets, in characters (default createOnBehalf's `maxOutputChars`). */
  maxOutputChars?: number;
}

/** What a tool hands the model instead of data when it could not act. */
export interface ToolError {
  error: string;
  message: string;
  /** AUTHORIZATION_REQUIRED: the account status and the link the user must open; INVALID_PERMISSIONS: the link that grants the missing scopes. */
  status?: string;
  authorizationLink?: string;
  /** APPROVAL_REQUIRED only: the request the app shows the person, and the exact call it allows. */
  approvalId?: string;
  tool?: string;
  input?: unknown;
}

export type ToolOutcome = { ok: true; data: unknown; executionId: string } | { ok: false; error: ToolError };

/** A spec's execute function with the identifier, connection and error policy already applied. */
export type BoundTool = (input: unknown, signal?: AbortSignal, call?: BoundCall) => Promise<ToolOutcome>;

/** What an adapter knows about one call beyond its input. */
export interface BoundCall {
  /**
   * The framework's own approval step asked the person and they said yes (the adapter mapped
   * `spec.requiresApproval` to it), so onbehalf does not hold the call a second time.
   */
  approvedByFramework?: boolean;
}

/** A tool as an adapter hands it to its framework: what the model is shown, and what runs it. */
export interface BoundToolEntry {
  spec: ToolSpec;
  run: BoundTool;
}

/** Lists the specs the options select; refuses to make tools that act for nobody. */
export async function selectToolSpecs(ob: ToolsHost, options: GetToolsOptions): Promise<ToolSpec[]> {
  if (typeof options?.identifier !== 'string' || options.identifier === '') {
    throw new OnBehalfError('INVALID_INPUT', 'getTools needs the identifier of the user the tools act for.');
  }
  const { providers, connections, tools, dialect } = options;
  const specs = await ob.tools.list({
    // The identifier's own aliases become an `account` selector where it has several accounts.
    identifier: options.identifier,
    ...(dialect ? { dialect } : {}),
    ...(options.requireApproval !== undefined ? { requireApproval: options.requireApproval } : {}),
    ...(providers ? { providers } : {}),
    ...(connections ? { connections } : {}),
    ...(tools ? { tools } : {}),
  });
  // A misspelt or unconfigured name would otherwise give the agent no tools and no hint why. The
  // whole listing is read only when some asked-for name is absent from the answer (the filters
  // may just not intersect), so the usual call stays one listing.
  const absent = (names: string[] | undefined, matches: (spec: ToolSpec, name: string) => boolean) => (names ?? []).filter((name) => !specs.some((spec) => matches(spec, name)));
  if (absent(providers, ofProvider).length + absent(connections, ofConnection).length + absent(tools, namedAs).length > 0) {
    const all = await ob.tools.list();
    checkNames(providers, all, ofProvider, (s) => s.provider, 'PROVIDER_NOT_FOUND', 'provider', 'No configured connection has tools of provider', 'Providers with tools');
    checkNames(connections, all, ofConnection, (s) => s.connection, 'CONNECTION_NOT_FOUND', 'connection', 'No connection', 'Connections with tools');
    checkNames(tools, all, namedAs, (s) => s.name, 'TOOL_NOT_FOUND', 'tool', 'No tool', 'Tools');
  }
  return specs;
}

const ofProvider = (spec: ToolSpec, name: string) => spec.provider === name;
const ofConnection = (spec: ToolSpec, name: string) => spec.connection === name;
/** A listed name, or a tool's own name under its connection's prefix (as `ob.tools.list` accepts it). */
const namedAs = (spec: ToolSpec, name: string) => spec.name === name || spec.name === `${spec.connection.toLowerCase()}_${name}`;

/** At most this many names in a message: enough to spot a typo, never a wall of text. */
const MAX_LISTED = 25;

function checkNames(
  names: string[] | undefined,
  all: ToolSpec[],
  matches: (spec: ToolSpec, name: string) => boolean,
  nameOf: (spec: ToolSpec) => string,
  code: 'PROVIDER_NOT_FOUND' | 'CONNECTION_NOT_FOUND' | 'TOOL_NOT_FOUND',
  kind: string,
  missingText: string,
  existingText: string,
): void {
  const unknown = (names ?? []).filter((name) => !all.some((spec) => matches(spec, name)));
  if (unknown.length === 0) return;
  const existing = [...new Set(all.map(nameOf))].sort();
  const shown = existing.length === 0 ? 'none (no configured connection has tools)'
    : `${existing.slice(0, MAX_LISTED).join(', ')}${existing.length > MAX_LISTED ? ` … and ${existing.length - MAX_LISTED} more` : ''}`;
  throw new OnBehalfError(code, `getTools: ${missingText} ${unknown.map((n) => `'${n}'`).join(', ')}. ${existingText}: ${shown}.`, {
    details: { [kind]: unknown, available: existing },
  });
}

export function bindTool(ob: ToolsHost, spec: ToolSpec, options: GetToolsOptions): BoundTool {
  const { identifier, onAuthorizationRequired = 'return', requireApproval, maxOutputChars } = options;
  return async (input, signal, call) => {
    try {
      // The input comes back in the form the model was shown, which the spec records.
      const dialect = spec.dialect ?? 'json-schema';
      // Only a spec the framework was told to hold counts as approved by it.
      const approval = call?.approvedByFramework === true && spec.requiresApproval === true ? false : requireApproval;
      const { data, executionId } = await ob.tools.execute({
        identifier, tool: spec.name, input, connection: spec.connection,
        ...(dialect !== 'json-schema' ? { dialect } : {}),
        ...(signal ? { signal } : {}),
        ...(approval !== undefined ? { requireApproval: approval } : {}),
        ...(maxOutputChars !== undefined ? { maxOutputChars } : {}),
      });
      return { ok: true, data, executionId };
    } catch (error) {
      if (error instanceof AuthorizationRequiredError) {
        if (onAuthorizationRequired === 'throw') throw error;
        const { accountStatus: status, authorizationLink, message } = error;
        return { ok: false, error: { error: 'AUTHORIZATION_REQUIRED', status, authorizationLink, message } };
      }
      if (error instanceof ApprovalRequiredError) {
        const { approvalId, tool, input: held, message } = error;
        return { ok: false, error: { error: 'APPROVAL_REQUIRED', approvalId, tool, input: held, message } };
      }
      // Bad input, a provider refusal or an outage: the model can fix its call, retry or tell the
      // user. A 500-class error means the app itself is misconfigured (key, database): no model
      // can repair that, so it reaches the app.
      // A grant without the tool's scopes: the link asks the person for them.
      if (error instanceof InsufficientScopesError && error.authorizationLink) return { ok: false, error: { error: error.code, message: error.message, authorizationLink: error.authorizationLink } };
      if (isOnBehalfError(error) && error.status !== 500) return { ok: false, error: { error: error.code, message: error.message } };
      throw error;
    }
  };
}
