import { randomBytes } from 'node:crypto';
import { createOnBehalf, type ConnectionInput, type OnBehalf } from '@onbehalf/core';
import { createProviderSandbox, type ProviderSandbox, type SandboxProviderId } from '@onbehalf/sandbox';

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
  sandbox: ProviderSandbox;
  /** Which connections run against the sandbox rather than the real provider. */
  sandboxed: string[];
  close(): Promise<void>;
}

/**
 * onbehalf wired for the example: each provider uses real credentials when
 * `<GOOGLE|MICROSOFT|SLACK|GITHUB>_CLIENT_ID` and `_CLIENT_SECRET` are set, and the local sandbox
 * otherwise (`MICROSOFT_TENANT` picks the Microsoft tenant, default `common`). The same catalog
 * provider definitions and tools run either way.
 */
export async function createEnvironment(publicUrl: string): Promise<Environment> {
  const baseUrl = `${publicUrl}/onbehalf`;
  const sandbox = await createProviderSandbox();
  const sandboxed: string[] = [];
  const connections: ConnectionInput[] = PROVIDERS.map(({ provider, env }) => {
    const clientId = process.env[`${env}_CLIENT_ID`];
    const clientSecret = process.env[`${env}_CLIENT_SECRET`];
    const tenant = env === 'MICROSOFT' ? process.env.MICROSOFT_TENANT : undefined;
    if (clientId && clientSecret) return { name: provider, provider, clientId, clientSecret, ...(tenant ? { settings: { tenant } } : {}) };
    sandboxed.push(provider);
    return sandbox.connection(provider, { baseUrl });
  });
  const ob = createOnBehalf({
    // In memory by default: the sandbox forgets its tokens on exit, so should the demo.
    database: process.env.ONBEHALF_DATABASE_URL ?? ':memory:',
    encryptionKey: process.env.ONBEHALF_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    baseUrl,
    connections,
  });
  await ob.migrate();
  return {
    ob,
    sandbox,
    sandboxed,
    async close() {
      await ob.close();
      await sandbox.close();
    },
  };
}
