import type { ConnectedAccount } from '../../src/accounts/index.ts';
import { createAuthenticatedFetch, type RequestAuth } from '../../src/api-client/index.ts';
import type { Provider } from '../../src/providers/index.ts';
import { createToolContext, type ToolDefinition } from '../../src/tools/index.ts';

export interface RunToolOptions {
  tool: ToolDefinition;
  provider: Provider;
  /** Where the provider's API base URL is served in the test (a mock or a replay server). */
  baseUrl: string;
  /** The tool input before parsing, as a model would send it. */
  input: unknown;
  /** Sent as `Authorization: Bearer …`. */
  accessToken: string;
  /** Signs each request instead (an OAuth 1.0a account: Trello), as the engine's request auth does. */
  sign?: RequestAuth['sign'];
  /** The network under the authenticated fetch (a recorder, say); global fetch by default. */
  fetch?: typeof globalThis.fetch;
  /** The account's values (`ctx.account.values`), e.g. a Discord webhook id. */
  values?: Record<string, string>;
  /** The grant's extra tokens by label (Slack's `bot`, Discord's `webhook`), as Bearer tokens. */
  extraTokens?: Record<string, string>;
}

/**
 * Runs a tool the way ob.tools.execute does, without a database: the input through the tool's zod
 * schema, a tool context over the authenticated fetch with the provider's real API headers (the
 * toolkit's API version among them), the account's bearer token, and no retries, so a test sees
 * the provider's first answer.
 */
export async function runTool(options: RunToolOptions): Promise<unknown> {
  const { tool, provider } = options;
  const auth: RequestAuth = {
    account: { id: 'acc_test', connection: provider.id, provider: provider.id, identifier: 'alice', values: options.values ?? {} } as ConnectedAccount,
    provider,
    baseUrl: options.baseUrl,
    headers: { ...provider.api.headers, ...(options.sign ? {} : { authorization: `Bearer ${options.accessToken}` }) },
    query: {},
    ...(options.sign ? { sign: options.sign } : {}),
    ...(options.extraTokens ? { extraTokens: Object.fromEntries(Object.entries(options.extraTokens).map(([label, accessToken]) => [label, { accessToken, tokenType: 'Bearer' }])) } : {}),
    refresh: async () => undefined,
  };
  const context = createToolContext({
    account: auth.account,
    connection: provider.id,
    provider,
    signal: new AbortController().signal,
    fetch: createAuthenticatedFetch(auth, { maxRetries: 0, ...(options.fetch ? { fetch: options.fetch } : {}) }),
  });
  return tool.execute(tool.input.parse(options.input), context);
}
