// Shared by the agent adapters' tests (@onbehalf/langchain, ai-sdk, google-genai, google-adk, openai-agents, mcp).
import { randomBytes } from 'node:crypto';
import { builtInProviders, builtInTools, createOnBehalf, defineTool, type OnBehalf, type OnBehalfOptions, type ToolDefinition } from '@onbehalf/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { z } from 'zod';
import { createProviderSandbox, type ProviderSandbox } from '@onbehalf/sandbox';

export const BASE_URL = 'http://app.test/onbehalf';

/**
 * A write tool of the app's own for the approval scenarios: it needs no scope beyond the testbed's
 * read-only grant, and each run is one request the Gmail mock records (so a held call is seen not to run).
 */
export const gmailPing = defineTool({
  name: 'gmail_ping',
  provider: 'gmail',
  writes: true,
  description: 'Pings the Gmail account (a stand-in for a write).',
  input: z.object({ note: z.string() }),
  execute: async ({ note }, ctx) => ({ note, as: (await ctx.request<{ emailAddress: string }>('/gmail/v1/users/me/profile')).emailAddress }),
});
/** A custom tool of the app's own, next to the built-in ones. */
export const gmailProfile = defineTool({
  name: 'gmail_profile',
  provider: 'gmail',
  description: "The address and message count of the user's Gmail account.",
  input: z.object({}),
  execute: (_input, ctx) => ctx.request('/gmail/v1/users/me/profile'),
});

/** What a connected user of `createConnectedTestbed` sees: every built-in Gmail tool (the catalog decides how many) and the two custom ones. */
export const gmailToolNames = [...builtInTools.filter((t) => t.provider === 'gmail').map((t) => t.name), gmailPing.name, gmailProfile.name].sort();

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export interface Testbed {
  ob: OnBehalf;
  /** The OAuth server and the Gmail-shaped API behind the `gmail` connection (`mocks.requests`). */
  provider: ProviderSandbox;
  /** Plays the person: opens an authorization link, consents as sandbox `user`, follows the callback. */
  authorize(link: string, user: string): Promise<void>;
  /** `authorize` with a fresh link for `identifier`. */
  connect(identifier: string, user: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * onbehalf on an in-memory database with a `gmail` connection whose issuer and API base URL are
 * the sandbox's, so the real Gmail provider definition and tools run against a real OAuth server
 * and the Gmail-shaped mock.
 */
export async function createTestbed(options: { tools?: ToolDefinition[]; database?: string; encryptionKey?: string } & Pick<OnBehalfOptions, 'requireApproval' | 'hooks' | 'maxOutputChars'> = {}): Promise<Testbed> {
  const provider = await createProviderSandbox();
  const ob = createOnBehalf({
    // A file database and a known key let another process (a stdio MCP server) open the same vault.
    database: options.database ?? ':memory:',
    encryptionKey: options.encryptionKey ?? randomBytes(32).toString('base64'),
    baseUrl: BASE_URL,
    logger: quiet,
    connections: [provider.connection('gmail', { baseUrl: BASE_URL, scopes: ['https://www.googleapis.com/auth/gmail.readonly'] })],
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.requireApproval !== undefined ? { requireApproval: options.requireApproval } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.maxOutputChars !== undefined ? { maxOutputChars: options.maxOutputChars } : {}),
  });
  await ob.migrate();

  async function authorize(link: string, user: string): Promise<void> {
    const authorize = await ob.handler(new Request(link));
    if (authorize.status !== 302) throw new Error(`the authorization link answered ${authorize.status}`);
    const cookie = (authorize.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const { callbackUrl } = await provider.sandbox.consent(authorize.headers.get('location')!, { user });
    const callback = await ob.handler(new Request(callbackUrl, { headers: { cookie } }));
    if (callback.status >= 400) throw new Error(`the OAuth callback answered ${callback.status}`);
  }

  async function connect(identifier: string, user: string): Promise<void> {
    const { link } = await ob.accounts.authorizationLink({ connection: 'gmail', identifier });
    await authorize(link, user);
  }

  return {
    ob,
    provider,
    authorize,
    connect,
    async close() {
      await ob.close();
      await provider.close();
    },
  };
}

/** The testbed every agent test starts from: both custom tools, and `user_alice` / `user_bob` connected as sandbox users `alice` / `bob`. */
export async function createConnectedTestbed(): Promise<Testbed> {
  const bed = await createTestbed({ tools: [gmailProfile, gmailPing] });
  await bed.connect('user_alice', 'alice');
  await bed.connect('user_bob', 'bob');
  return bed;
}

/**
 * onbehalf with a connection for every catalog provider, so `ob.tools.list()` holds every built-in
 * tool (for checking an adapter's declarations of all of them); closed after `use`.
 */
export async function withWholeCatalog<T>(use: (ob: OnBehalf) => Promise<T>): Promise<T> {
  const ob = createOnBehalf({
    database: ':memory:',
    encryptionKey: randomBytes(32).toString('base64'),
    logger: quiet,
    connections: builtInProviders.map((provider) => ({ name: provider.id, provider: provider.id, clientId: 'id', clientSecret: 'secret' })),
  });
  try {
    await ob.migrate();
    return await use(ob);
  } finally {
    await ob.close();
  }
}

/**
 * `createConnectedTestbed` for the current `describe`: made before its tests, closed after them,
 * and with the mock's request log emptied before each test. The returned testbed is filled in by
 * the time a test runs.
 */
export function useConnectedTestbed(): Testbed {
  const bed = {} as Testbed;
  beforeAll(async () => {
    Object.assign(bed, await createConnectedTestbed());
  });
  afterAll(() => bed.close?.());
  beforeEach(() => {
    bed.provider.mocks.requests.length = 0;
  });
  return bed;
}
