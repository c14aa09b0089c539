import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createProviderSandbox, SANDBOX_PROVIDERS, type ProviderSandbox } from '@onbehalf/sandbox';
import { runNext } from './next-bin.ts';

export interface RunningExample {
  /** Where the example listens, e.g. http://localhost:41234 */
  url: string;
  /** The sandbox the example uses; it runs in the test process, so its mock API log is readable here. */
  sandbox: ProviderSandbox;
  /** What the Next server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The built example under `next start` on a free port, against a sandbox this process owns: the
 * sandbox registers one OAuth client per provider for the example's callback URLs, and the
 * example gets those connections through SANDBOX_CONNECTIONS instead of starting its own sandbox.
 */
export async function startExample({ user = 'demo-user' }: { user?: string } = {}): Promise<RunningExample> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const sandbox = await createProviderSandbox();
  const connections = SANDBOX_PROVIDERS.map((provider) => sandbox.connection(provider, { baseUrl: `${url}/onbehalf` }));
  const server: ChildProcess = runNext(['start', '--hostname', '127.0.0.1'], {
    PORT: String(port),
    PUBLIC_URL: url,
    DEMO_USER: user,
    SANDBOX_CONNECTIONS: JSON.stringify(connections),
    // Offline and sandboxed, whatever the developer's shell has.
    OPENAI_API_KEY: undefined,
    ONBEHALF_DATABASE_URL: undefined,
    GOOGLE_CLIENT_ID: undefined,
    SLACK_CLIENT_ID: undefined,
    GITHUB_CLIENT_ID: undefined,
  });
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    await sandbox.close();
  };
  try {
    for (let attempt = 0; ; attempt++) {
      if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${output}`);
      const ready = await fetch(`${url}/api/accounts`).then((r) => r.ok, () => false);
      if (ready) break;
      if (attempt > 300) throw new Error(`next start did not answer:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, sandbox, logs: () => output, stop };
}
