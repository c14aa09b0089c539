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
  /** The network under the authenticated fetch (a recorder, say); global fetch by default. */
  fetch?: typeof globalThis.fetch;
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
    account: { id: 'acc_test', connection: provider.id, provider: provider.id, identifier: 'alice' } as ConnectedAccount,
    provider,
    baseUrl: options.baseUrl,
    headers: { ...provider.api.headers, authorization: `Bearer ${options.accessToken}` },
    query: {},
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
