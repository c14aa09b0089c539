import { randomBytes } from 'node:crypto';
import { createOnBehalf, type ConnectionInput, type OnBehalf } from '@onbehalf/core';
import { createProviderSandbox, type ProviderSandbox, type SandboxConnection, type SandboxProviderId } from '@onbehalf/sandbox';

/** The providers the example offers, and the environment variables with real app credentials. */
const PROVIDERS: Array<{ provider: SandboxProviderId; env: string }> = [
  { provider: 'gmail', env: 'GOOGLE' },
  { provider: 'outlook', env: 'MICROSOFT' },
  { provider: 'slack', env: 'SLACK' },
  { provider: 'google_calendar', env: 'GOOGLE' },
  { provider: 'github', env: 'GITHUB' },
];

export interface Environment {
  ob: OnBehalf;
  /** The local sandbox, when this process started one. */
  sandbox?: ProviderSandbox;
  /** Which connections run against a sandbox rather than the real provider. */
  sandboxed: string[];
}

/** The demo has one signed-in user; a real app reads it from its session (Auth.js, Clerk, …). */
export function currentUser(): string {
  return process.env.DEMO_USER ?? 'demo-user';
}

/**
 * onbehalf wired for the example: each provider uses real credentials when
 * `<GOOGLE|MICROSOFT|SLACK|GITHUB>_CLIENT_ID` and `_CLIENT_SECRET` are set, and the local sandbox otherwise.
 * `SANDBOX_CONNECTIONS` (a JSON array of `ProviderSandbox.connection()` results) points the
 * example at a sandbox another process runs: the tests do that to read the sandbox's mock API log.
 */
async function createEnvironment(): Promise<Environment> {
  const baseUrl = `${process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`}/onbehalf`;
  const external = process.env.SANDBOX_CONNECTIONS ? (JSON.parse(process.env.SANDBOX_CONNECTIONS) as SandboxConnection[]) : undefined;
  let sandbox: ProviderSandbox | undefined;
  const sandboxed: string[] = [];
  const connections: ConnectionInput[] = [];
  for (const { provider, env } of PROVIDERS) {
    const clientId = process.env[`${env}_CLIENT_ID`];
    const clientSecret = process.env[`${env}_CLIENT_SECRET`];
    if (clientId && clientSecret) {
      const tenant = env === 'MICROSOFT' ? process.env.MICROSOFT_TENANT : undefined;
      connections.push({ name: provider, provider, clientId, clientSecret, ...(tenant ? { settings: { tenant } } : {}) });
      continue;
    }
    sandboxed.push(provider);
    const given = external?.find((c) => c.provider === provider);
    if (given) connections.push(given);
    else connections.push((sandbox ??= await createProviderSandbox()).connection(provider, { baseUrl }));
  }
  const ob = createOnBehalf({
    // In memory by default: the sandbox forgets its tokens on exit, so should the demo.
    database: process.env.ONBEHALF_DATABASE_URL ?? ':memory:',
    encryptionKey: process.env.ONBEHALF_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    baseUrl,
    connections,
  });
  await ob.migrate();
  if (sandboxed.length > 0) {
    console.log(`[onbehalf] sandbox providers (local, offline): ${sandboxed.join(', ')} at ${sandbox?.sandbox.url ?? external?.[0]?.endpoints.issuer}`);
  }
  return { ob, sandbox, sandboxed };
}

// One onbehalf (and one sandbox) per server process. Next may load this module more than once
// (one bundle per route, and again after every edit in `next dev`), so it lives on globalThis.
const KEY = Symbol.for('onbehalf.example-next-ai-sdk');
const store = globalThis as typeof globalThis & { [KEY]?: Promise<Environment> };

/** The process-wide onbehalf environment, created on first use. */
export function getEnvironment(): Promise<Environment> {
  store[KEY] ??= createEnvironment().catch((error: unknown) => {
    delete store[KEY]; // let the next request try again
    throw error;
  });
  return store[KEY];
}

/** `ob` for `toNextHandler`: its web handler, started on the first request rather than at build time. */
export const lazyOnBehalf: Pick<OnBehalf, 'handler'> = {
  handler: async (request, context) => (await getEnvironment()).ob.handler(request, context),
};
