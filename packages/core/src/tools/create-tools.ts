import type { AccountsApi } from '../public-api/index.ts';
import type { AccountRef, ConnectedAccount } from '../accounts/index.ts';
import type { RequestAuthResolver } from '../api-client/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { AuthorizationRequiredError, OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';
import { newId } from '../store/index.ts';
import { createAuthenticatedFetch, type AuthenticatedFetchOptions } from '../api-client/index.ts';
import { createToolContext } from './tool-context.ts';
import { toolInputSchema } from './define-tool.ts';
import { dialectSchema } from './dialects/dialect-schema.ts';
import { fromDialectInput } from './dialects/from-dialect-input.ts';
import type { ListedTool, ToolRegistry } from './tool-registry.ts';
import { createSourcedTools, sameSourcedTools, type SourcedTools } from './sourced-tools.ts';
import { ApprovalRequiredError, createApprovalStore, needsApproval, type RequireApproval, type ToolApproval } from './approval/index.ts';
import { boundOutput, DEFAULT_MAX_OUTPUT_CHARS, isOutputBound, runAfterExecute, runBeforeExecute, type HookedTool, type OnBehalfHooks, type ToolHooks } from './hooks/index.ts';
import type { ExecuteToolOptions, ListToolsOptions, ToolExecutionResult, ToolSpec } from './tool-types.ts';
import { checkAlias } from '../accounts/index.ts';
import { InsufficientScopesError } from '../errors.ts';
import type { AccountRow } from '../store/index.ts';
import { ACCOUNT_SELECTOR, selectorFromInput, withAccountSelector } from './account-selector.ts';
import { missingToolScopes } from './account-scopes.ts';

/** Errors that mean "a person has to (re-)connect this account". */
const NEEDS_AUTHORIZATION = new Set(['AUTHORIZATION_REQUIRED', 'ACCOUNT_EXPIRED', 'ACCOUNT_REVOKED', 'ACCOUNT_SUSPENDED', 'ACCOUNT_ERROR']);

interface ZodIssueLike {
  path: PropertyKey[];
  code: string;
  message: string;
}

function describeIssues(issues: ZodIssueLike[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : 'input'}: ${i.message}`);
  return `${shown.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`;
}

/**
 * `ob.tools` and `ob.fetch`: lists the tools of the configured connections and runs them for one
 * identifier — input validation, the account's authorization (or a link to get it), the
 * authenticated fetch, an audit row and a `tool.executed` event per execution.
 */
export function createTools(options: {
  runtime: Runtime;
  connections: ConnectionService;
  accounts: AccountsApi;
  resolveAuth: RequestAuthResolver;
  registry: ToolRegistry;
  fetchOptions?: AuthenticatedFetchOptions;
  hooks?: OnBehalfHooks;
  /** The default approval policy (none). */
  requireApproval?: RequireApproval;
  /** The default bound on a tool output's JSON. */
  maxOutputChars?: number;
  /** How long an approval request (and then its decision) stays open. */
  approvalTtlSeconds?: number;
}) {
  const { runtime, connections, accounts, resolveAuth, registry, fetchOptions, hooks = {}, requireApproval: defaultApproval } = options;
  const defaultMaxOutput = options.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS;
  if (!isOutputBound(defaultMaxOutput)) throw new OnBehalfError('CONFIGURATION_ERROR', 'maxOutputChars must be a positive whole number (or Infinity for no bound).');
  checkPolicy(defaultApproval);
  checkHooks(hooks);
  const approvals = createApprovalStore({ now: runtime.now, ...(options.approvalTtlSeconds !== undefined ? { ttlSeconds: options.approvalTtlSeconds } : {}) });

  /** The hooks of one tool, outermost first: global, keyed by listed or own name, the tool's own. */
  function hookChain({ spec, definition }: ListedTool): ToolHooks[] {
    const keyed = hooks.tools?.[spec.name] ?? (spec.name !== definition.name ? hooks.tools?.[definition.name] : undefined);
    return [hooks, keyed, definition.hooks as ToolHooks | undefined].filter((h): h is ToolHooks => h !== undefined);
  }

  /**
   * The tools of every connection, looked up by name. Built from the connections snapshot and
   * rebuilt only when its version changes (a connection added, changed or removed), not per call.
   */
  let index: { version: number; sourced: SourcedTools; listed: ListedTool[]; byName: Map<string, ListedTool> } | undefined;
  const sourcedTools = createSourcedTools({ runtime, resolveAuth, ...(fetchOptions ? { fetchOptions } : {}) });
  async function toolIndex(): Promise<NonNullable<typeof index>> {
    const snapshot = await connections.snapshot();
    // Run-time tools (a remote MCP server's) come from their sources' caches; a changed list rebuilds too.
    const sourced = await sourcedTools(snapshot.connections);
    if (index?.version !== snapshot.version || !sameSourcedTools(index.sourced, sourced)) {
      const listed = registry.listFor(snapshot.connections, sourced);
      index = { version: snapshot.version, sourced, listed, byName: new Map(listed.map((t) => [t.spec.name, t])) };
    }
    return index;
  }

  async function authorizationRequired(account: ConnectedAccount): Promise<AuthorizationRequiredError> {
    const provider = runtime.providers.get(account.provider);
    const who = `${provider.name} account of '${account.identifier}' (connection '${account.connection}')`;
    let link: string | undefined;
    // A suspended account is the app's decision: consent would not change it, and links refuse it.
    if (runtime.baseUrl && account.status !== 'SUSPENDED') {
      try {
        ({ link } = await accounts.authorizationLink({ connection: account.connection, identifier: account.identifier, alias: account.alias, identifierType: account.identifierType, reuse: true }));
      } catch (error) {
        runtime.logger.warn('onbehalf could not create an authorization link', { connection: account.connection, code: isOnBehalfError(error) ? error.code : 'UNKNOWN' });
      }
    }
    const why = account.status === 'PENDING' ? 'is not connected yet'
      : account.status === 'SUSPENDED' ? 'is suspended by the app'
      : `needs to be re-authorized (status ${account.status})`;
    const next = link ? ' Ask the person to open the authorization link.' : '';
    return new AuthorizationRequiredError(`The ${who} ${why}.${next}`, {
      accountStatus: account.status,
      ...(link ? { authorizationLink: link } : {}),
      details: { accountId: account.id, connection: account.connection, identifier: account.identifier },
    });
  }

  /** A token refresh or a status check that finds the account unusable becomes AuthorizationRequiredError. */
  async function asAuthorizationRequired(error: unknown, accountId: string): Promise<unknown> {
    if (!isOnBehalfError(error) || !NEEDS_AUTHORIZATION.has(error.code) || (error instanceof AuthorizationRequiredError && error.authorizationLink)) return error;
    const fresh = await accounts.get({ id: accountId }).catch(() => undefined);
    if (!fresh) return error;
    return authorizationRequired(fresh.status === 'ACTIVE' ? { ...fresh, status: 'PENDING' } : fresh);
  }

  function find({ listed, byName }: NonNullable<typeof index>, tool: string, connection: string | undefined): ListedTool {
    const named = byName.get(tool);
    const match = (named && (connection === undefined || named.spec.connection === connection) ? named : undefined)
      ?? (connection !== undefined ? listed.find((t) => t.spec.connection === connection && t.definition.name === tool) : undefined);
    if (!match) {
      throw new OnBehalfError('TOOL_NOT_FOUND', `No tool '${tool}'${connection !== undefined ? ` for connection '${connection}'` : ''}. ob.tools.list() shows the available ones.`, {
        details: { tool, ...(connection !== undefined ? { connection } : {}) },
      });
    }
    return match;
  }

  /** Each connection's aliases of `identifier`, for the connections where it has several accounts. */
  async function aliasesByConnection(identifier: string | undefined): Promise<Map<string, string[]>> {
    const byConnection = new Map<string, string[]>();
    if (identifier === undefined) return byConnection;
    if (typeof identifier !== 'string' || identifier === '') throw new OnBehalfError('INVALID_INPUT', 'identifier must be a non-empty string.');
    for (const row of await runtime.accountsRepo.list({ identifier, limit: 500 })) byConnection.set(row.connection_name, [...(byConnection.get(row.connection_name) ?? []), row.alias]);
    for (const [name, aliases] of byConnection) byConnection.set(name, aliases.sort());
    return byConnection;
  }

  /**
   * The account a call acts in: the named alias, else the identifier's only account on the
   * connection (whatever its alias). Several and none named is the model's to fix, so it is told
   * which there are; an unknown alias too, when the identifier has accounts to choose from.
   */
  async function pickAccount(spec: ToolSpec, identifier: string, alias: string | undefined): Promise<{ row: AccountRow | undefined; alias: string | undefined }> {
    const owned = await runtime.accountsRepo.listByOwner(spec.connection, identifier, 20);
    const choices = () => owned.map((row) => `'${row.alias}'`).join(', ');
    if (alias !== undefined) {
      const named = checkAlias(alias);
      const row = owned.find((candidate) => candidate.alias === named);
      if (!row && owned.length > 0) {
        throw new OnBehalfError('TOOL_INPUT_INVALID', `${spec.name}: there is no ${spec.connection} account '${named}' for this user. Set ${ACCOUNT_SELECTOR} to one of ${choices()}.`, { details: { tool: spec.name, aliases: owned.map((r) => r.alias) } });
      }
      return { row, alias: named };
    }
    if (owned.length > 1) {
      throw new OnBehalfError('TOOL_INPUT_INVALID', `${spec.name}: this user has several ${spec.connection} accounts (${choices()}). Call it again with ${ACCOUNT_SELECTOR} set to the one to act in, or ask the user which one.`, { details: { tool: spec.name, aliases: owned.map((r) => r.alias) } });
    }
    return { row: owned[0], alias: undefined };
  }

  /** INVALID_PERMISSIONS with a link that asks for `missing` on top of the account's grant. */
  async function withUpgradeLink(error: InsufficientScopesError, row: AccountRow): Promise<InsufficientScopesError> {
    if (error.authorizationLink || !runtime.baseUrl || error.missingScopes.length === 0) return error;
    try {
      const { link } = await accounts.authorizationLink({ connection: row.connection_name, identifier: row.identifier, alias: row.alias, scopes: error.missingScopes, reuse: true });
      const upgraded = new InsufficientScopesError(`${error.message} Ask the person to open the authorization link to grant them.`, { missingScopes: error.missingScopes, authorizationLink: link, details: { ...error.details, accountId: row.id } });
      return upgraded;
    } catch (linkError) {
      runtime.logger.warn('onbehalf could not create an upgrade link', { connection: row.connection_name, code: isOnBehalfError(linkError) ? linkError.code : 'UNKNOWN' });
      return error;
    }
  }

  function record(entry: { executionId: string; spec: ToolSpec; identifier: string; accountId: string | undefined; durationMs: number; errorCode: string | undefined }) {
    const { executionId, spec, identifier, accountId, durationMs, errorCode } = entry;
    const outcome = errorCode === undefined ? 'success' : 'error';
    const facts = { executionId, tool: spec.name, durationMs, outcome, ...(errorCode !== undefined ? { errorCode } : {}) } as const;
    // Queued, not awaited: the tool has acted already, and its caller should not wait for a commit.
    runtime.auditWriter.record({ type: 'tool.executed', accountId, connection: spec.connection, identifier, data: facts }, runtime.now());
    runtime.events.emit('tool.executed', { ...facts, connection: spec.connection, identifier });
  }

  return {
    /** The tools of every configured connection whose provider has tools, filtered. */
    async list(listOptions: ListToolsOptions = {}): Promise<ToolSpec[]> {
      const { providers, connections: only, tools, dialect = 'json-schema', requireApproval = defaultApproval } = listOptions;
      checkPolicy(requireApproval);
      // Checked before the listing, so an unknown dialect fails even when nothing would be listed.
      dialectSchema({ type: 'object' }, dialect);
      // With an identifier, a tool of a connection where it has several accounts takes an `account` selector.
      const selectors = await aliasesByConnection(listOptions.identifier);
      return (await toolIndex()).listed
        .filter(({ spec, definition }) => (!providers || providers.includes(spec.provider))
          && (!only || only.includes(spec.connection))
          && (!tools || tools.includes(spec.name) || tools.includes(definition.name)))
        // The index is shared between calls: callers get their own copy of what they may change.
        .map(({ spec, definition }) => ({
          ...spec,
          scopes: [...spec.scopes],
          inputSchema: structuredClone(dialectSchema(withAccountSelector(toolInputSchema(definition), selectors.get(spec.connection), spec.connection), dialect)),
          dialect,
          requiresApproval: needsApproval(spec, requireApproval),
        }));
    },

    /** Runs one tool for one identifier; see ExecuteToolOptions. */
    async execute<T = unknown>(executeOptions: ExecuteToolOptions): Promise<ToolExecutionResult<T>> {
      const { identifier, tool, input, connection, signal, dialect = 'json-schema', requireApproval = defaultApproval, maxOutputChars = defaultMaxOutput } = executeOptions ?? ({} as ExecuteToolOptions);
      if (typeof identifier !== 'string' || identifier === '') throw new OnBehalfError('INVALID_INPUT', 'tools.execute needs an identifier.');
      if (typeof tool !== 'string' || tool === '') throw new OnBehalfError('INVALID_INPUT', 'tools.execute needs a tool name.');
      if (!isOutputBound(maxOutputChars)) throw new OnBehalfError('INVALID_INPUT', 'maxOutputChars must be a positive whole number (or Infinity for no bound).');
      checkPolicy(requireApproval);
      const listed = find(await toolIndex(), tool, connection);
      const { spec, definition } = listed;
      const executionId = newId('exe');
      const started = performance.now();
      let accountId: string | undefined;
      let errorCode: string | undefined;
      try {
        // The account selector is ours, not the tool's: taken out before the tool's schema sees the input.
        const ownSchema = toolInputSchema(definition);
        const selected = executeOptions.account ?? selectorFromInput(input, ownSchema);
        const toolFacing = selectorFromInput(input, ownSchema) !== undefined ? Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([key]) => key !== ACCOUNT_SELECTOR)) : input;
        const parsed = definition.input.safeParse(fromDialectInput(ownSchema, dialect, toolFacing ?? {}));
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: i.code, message: i.message }));
          throw new OnBehalfError('TOOL_INPUT_INVALID', `Invalid input for ${spec.name}: ${describeIssues(parsed.error.issues)}.`, { details: { tool: spec.name, issues } });
        }
        const chain = hookChain(listed);
        const hooked: HookedTool = { name: spec.name, provider: spec.provider, connection: spec.connection, writes: spec.writes === true };
        const before = await runBeforeExecute(chain, { identifier, tool: hooked, input: parsed.data, executionId }, (changed) => {
          // A hook's input passes the same schema the model's does; a failure is the app's to fix, not the model's.
          const again = definition.input.safeParse(changed);
          if (!again.success) throw new OnBehalfError('CONFIGURATION_ERROR', `A beforeExecute hook gave ${spec.name} invalid input: ${describeIssues(again.error.issues)}.`);
          return again.data;
        });
        if ('denied' in before) throw new OnBehalfError('TOOL_DENIED', before.denied, { details: { tool: spec.name } });
        const toolInput = before.input;
        // One indexed read of the account row serves the status check and the credentials.
        const { row, alias } = await pickAccount(spec, identifier, selected);
        if (!row || row.status !== 'ACTIVE') {
          const account = row ? await accounts.get({ id: row.id }) : await accounts.getOrCreate({ connection: spec.connection, identifier, ...(alias !== undefined ? { alias } : {}) });
          accountId = account.id;
          throw await authorizationRequired(account);
        }
        accountId = row.id;
        // After the account check (a person who must connect first is told that first), on the
        // input that would run: what the person approves is exactly what is sent.
        if (needsApproval(spec, requireApproval)) {
          const state = approvals.check({ identifier, connection: spec.connection, account: row.alias, tool: spec.name, input: toolInput });
          if (state.kind === 'denied') throw new OnBehalfError('TOOL_DENIED', state.reason ?? `The person declined this ${spec.name} call.`, { details: { tool: spec.name } });
          if (state.kind === 'pending') {
            const { approvalId, expiresAt } = state.approval;
            throw new ApprovalRequiredError(`${spec.name} needs the person's approval before it runs. Tell them what it will do with this input and wait; once they approve, call it again with exactly the same input.`, { approvalId, tool: spec.name, input: state.approval.input, expiresAt });
          }
        }
        let redact: ((text: string) => string) | undefined;
        try {
          const auth = await resolveAuth.forRow(row);
          // Before the tool sends anything to the provider: a grant that holds none of the tool's
          // scopes cannot work (see missingToolScopes for why "none", not "not all").
          const oauth = auth.provider.auth.type === 'oauth2' ? auth.provider.auth : undefined;
          const granted = [...auth.account.scopes, ...Object.values(auth.extraTokens ?? {}).flatMap((t) => t.scopes ?? [])];
          // Only for providers that declare how their scopes relate (scopeImplies): elsewhere what a
          // token reports is not reliable enough to refuse on (Slack's user and bot tokens carry
          // different scope sets, mocks grant loosely), and the provider's own refusal still maps
          // to the same INVALID_PERMISSIONS.
          const missing = oauth?.scopeImplies ? missingToolScopes(spec.scopes, granted, oauth.scopeImplies) : [];
          if (missing.length > 0) {
            throw new InsufficientScopesError(`The ${auth.provider.name} account was not granted what ${spec.name} needs (any of ${missing.join(', ')}).`, {
              missingScopes: missing,
              details: { tool: spec.name, connection: spec.connection },
            });
          }
          const fetch = createAuthenticatedFetch(auth, fetchOptions);
          redact = fetch.redact;
          const context = createToolContext({
            account: auth.account,
            connection: spec.connection,
            provider: auth.provider,
            fetch,
            signal: signal ?? new AbortController().signal,
          });
          const output = await definition.execute(toolInput, context);
          const reshaped = await runAfterExecute(chain, { identifier, tool: hooked, input: toolInput, executionId, output });
          const { data, truncated } = boundOutput(reshaped, maxOutputChars);
          return { data: data as T, executionId, ...(truncated ? { truncated } : {}) };
        } catch (error) {
          // The last line of defence for messages a tool built from provider text itself: the
          // account's own credentials never leave in an error, whoever forgot ctx.redact.
          if (redact && error instanceof Error) error.message = redact(error.message);
          if (error instanceof InsufficientScopesError) throw await withUpgradeLink(error, row);
          throw await asAuthorizationRequired(error, row.id);
        }
      } catch (error) {
        errorCode = isOnBehalfError(error) ? error.code : signal?.aborted || (error instanceof Error && error.name === 'AbortError') ? 'ABORTED' : 'TOOL_FAILED';
        throw error;
      } finally {
        record({ executionId, spec, identifier, accountId, durationMs: Math.round(performance.now() - started), errorCode });
      }
    },

    /** The approval request behind an id (what the person is asked to allow), or undefined once decided and used, or expired. */
    approval: (approvalId: string): ToolApproval | undefined => approvals.get(approvalId),

    /** The open approval requests of one identifier, oldest first (for an app's approvals page; MCP clients cannot show them). */
    approvals(approvalsOptions: { identifier: string }): ToolApproval[] {
      if (typeof approvalsOptions?.identifier !== 'string' || approvalsOptions.identifier === '') throw new OnBehalfError('INVALID_INPUT', 'tools.approvals needs an identifier.');
      return approvals.pending(approvalsOptions.identifier);
    },

    /**
     * The person allows the held call: the same call (identifier, tool, exact input) made again runs
     * once. With `identifier`, only that person's request is found (APPROVAL_NOT_FOUND otherwise).
     */
    approve: (approvalId: string, approveOptions: { identifier?: string } = {}): ToolApproval => approvals.approve(approvalId, approveOptions.identifier),

    /** The person declines: the same call made again gets TOOL_DENIED with `reason`, once. */
    deny: (approvalId: string, denyOptions: { identifier?: string; reason?: string } = {}): ToolApproval => approvals.deny(approvalId, denyOptions.identifier, denyOptions.reason),

    /** `ob.fetch`: one authenticated request to the account's provider API. */
    async fetch(ref: AccountRef, pathOrUrl: string | URL, init?: RequestInit): Promise<Response> {
      return createAuthenticatedFetch(await resolveAuth.forRef(ref), fetchOptions)(pathOrUrl, init);
    },
  };
}

export type ToolsApi = ReturnType<typeof createTools>;

function checkPolicy(policy: unknown): asserts policy is RequireApproval | undefined {
  if (policy === undefined || typeof policy === 'boolean' || policy === 'writes' || typeof policy === 'function') return;
  throw new OnBehalfError('CONFIGURATION_ERROR', "requireApproval must be true, false, 'writes' or a function of the tool.");
}

function checkHooks(hooks: OnBehalfHooks): void {
  const all: [string, unknown][] = [['hooks', hooks], ...Object.entries(hooks.tools ?? {}).map(([name, h]): [string, unknown] => [`hooks.tools.${name}`, h])];
  for (const [where, h] of all) {
    const entry = h as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null || ['beforeExecute', 'afterExecute'].some((k) => entry[k] !== undefined && typeof entry[k] !== 'function')) {
      throw new OnBehalfError('CONFIGURATION_ERROR', `${where} takes beforeExecute and afterExecute functions.`);
    }
  }
}
