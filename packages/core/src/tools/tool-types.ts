import type { z } from 'zod';
import type { ConnectedAccount } from '../accounts/index.ts';
import type { Provider } from '../providers/index.ts';
import type { SchemaDialect } from './dialects/schema-node.ts';
import type { RequireApproval } from './approval/approval-policy.ts';
import type { ToolHooks } from './hooks/tool-hooks.ts';

/** Query values a tool may pass; arrays repeat the parameter (`?a=1&a=2`), undefined/null are left out. */
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

export interface ToolRequestOptions {
  method?: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON (`content-type: application/json; charset=utf-8`). */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Which of the grant's tokens to send, by label, where the provider issues several (Slack's
   * `user` and `bot`); by default the account's own. Fails with INVALID_PERMISSIONS when the
   * account has no such token.
   */
  token?: string;
}

/** What a tool's `execute` receives besides its validated input. */
export interface ToolContext {
  /**
   * The authenticated fetch bound to this account: a path is resolved against the provider's API
   * base URL (absolute URLs only on that origin), auth is added, a 401 refreshes once, 429/5xx are
   * retried with backoff. Non-2xx answers are returned as they are.
   */
  fetch(pathOrUrl: string | URL, init?: RequestInit & { token?: string }): Promise<Response>;
  /**
   * `fetch` plus JSON in and out: returns the parsed body of a 2xx answer (undefined when empty) and
   * throws `PROVIDER_API_ERROR` (status and the provider's own error message/code) otherwise.
   */
  request<T = unknown>(pathOrUrl: string, options?: ToolRequestOptions): Promise<T>;
  /**
   * Replaces the account's own credentials in a text with `[REDACTED]`: for an error a tool builds
   * from a provider's answer itself (`request` already does it), since providers may echo what
   * they were sent.
   */
  redact(text: string): string;
  /**
   * The access token of one of the grant's extra tokens, for an API that wants it somewhere other
   * than the Authorization header (Discord's incoming webhook takes its token in the URL path).
   * Never put it in a tool's output. Throws INVALID_PERMISSIONS when the account has none.
   */
  extraToken(label: string): string;
  account: ConnectedAccount;
  /** The connection's name (several connections may share one provider). */
  connection: string;
  provider: Provider;
  /** Aborted when the caller of `ob.tools.execute` gives up. */
  signal: AbortSignal;
}

/**
 * A typed action on a provider. `input` must describe an object (it becomes the JSON Schema an LLM
 * fills in); `execute` returns compact, JSON-serialisable data.
 */
export interface ToolDefinition<S extends z.ZodType = z.ZodType, O = unknown> {
  /** Letters, digits and '_' (starting with a letter), at most 64: what models accept as a function name. */
  readonly name: string;
  /** The provider id (`gmail`, `slack`, or a custom one); the tool is listed for every connection of it. */
  readonly provider: string;
  /** What the tool does and when to use it, written for a model. */
  readonly description: string;
  readonly input: S;
  /** OAuth scopes the tool needs at the provider, for requesting them on the connection (not enforced locally). */
  readonly scopes?: readonly string[];
  /**
   * True when the tool changes something at the provider or in the world: sends, creates, updates,
   * deletes or posts. Write tools are the ones `requireApproval: 'writes'` holds for a person's yes.
   */
  readonly writes?: boolean;
  /** Hooks for this tool alone, typed by its input and output; they run inside the global ones. */
  readonly hooks?: ToolHooks<z.output<S>, O>;
  // Method syntax on purpose: keeps ToolDefinition<Specific> assignable to ToolDefinition.
  execute(input: z.output<S>, context: ToolContext): Promise<O> | O;
}

/** A tool as listed for one connection, ready to hand to an LLM. */
export interface ToolSpec {
  /** Unique across the listing; prefixed with the connection name when a provider has several connections. */
  name: string;
  description: string;
  provider: string;
  connection: string;
  scopes: string[];
  /** The tool sends, creates, updates, deletes or posts (ToolDefinition.writes). Listed specs always say; absent means false. */
  writes?: boolean;
  /** The approval policy in force (list option or createOnBehalf's) holds this tool's calls for a person's yes. Absent means false. */
  requiresApproval?: boolean;
  /**
   * The input schema in `dialect`: JSON Schema (`type: 'object'` at the top, no `$schema` key),
   * OpenAI's strict form, or Gemini's subset (`type: 'OBJECT'`).
   */
  inputSchema: Record<string, unknown> & { type: 'object' | 'OBJECT' };
  /** Which form `inputSchema` is in; input written against it is mapped back before validation. */
  dialect: SchemaDialect;
  /** The zod schema the input is validated with. */
  input: z.ZodType;
}

export interface ListToolsOptions {
  /** Only tools of these provider ids. */
  providers?: string[];
  /** Only tools of these connections. */
  connections?: string[];
  /** Only these tools, by listed name or by the tool's own (unprefixed) name. */
  tools?: string[];
  /**
   * The user the listing is for: a tool of a connection where they have several accounts then
   * takes a required `account` property, an enum of their aliases (only theirs).
   */
  identifier?: string;
  /**
   * The form of each `inputSchema` (default `'json-schema'`, 2020-12 as MCP takes it):
   * `'openai-strict'` for OpenAI strict function calling, `'gemini'` for Gemini's schema subset.
   */
  dialect?: SchemaDialect;
  /** Sets each spec's `requiresApproval`; default createOnBehalf's `requireApproval`. */
  requireApproval?: RequireApproval;
}

export interface ExecuteToolOptions {
  /** The app's id for the person (or org) the tool acts for. */
  identifier: string;
  /** A listed tool name; with `connection`, the tool's own unprefixed name works too. */
  tool: string;
  /** Validated against the tool's zod schema (after mapping it back from `dialect`). */
  input: unknown;
  /** The dialect the input was written in (the one the tool was listed in); default `'json-schema'`. */
  dialect?: SchemaDialect;
  /** Picks the connection when a provider has several (otherwise implied by the tool name). */
  connection?: string;
  /**
   * The alias of the account to act in (also read from the input's `account`, the selector
   * `list({ identifier })` adds). Needed when the identifier has several accounts on the
   * connection; without it the only account is used, whatever its alias.
   */
  account?: string;
  signal?: AbortSignal;
  /**
   * Which calls wait for a person's yes (default createOnBehalf's `requireApproval`). A held call
   * throws ApprovalRequiredError (APPROVAL_REQUIRED, with an approvalId) until the app calls
   * `ob.tools.approve(approvalId)`; the same call then runs once. `false` when the caller has had the
   * person approve it already (an agent framework's own approval step).
   */
  requireApproval?: RequireApproval;
  /** The bound on the output's JSON, in characters (default createOnBehalf's `maxOutputChars`, 20,000); Infinity for none. */
  maxOutputChars?: number;
}

export interface ToolExecutionResult<T = unknown> {
  data: T;
  /** Also in the `tool.executed` event and audit row. */
  executionId: string;
  /** Set when the output was longer than `maxOutputChars` and `data` is the cut text with its marker. */
  truncated?: { totalChars: number; shownChars: number };
}
