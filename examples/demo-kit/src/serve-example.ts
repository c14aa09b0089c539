import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEnvironment, type Environment } from './environment.ts';
import { runHeadlessStory } from './headless-story.ts';

export interface RunningExample {
  url: string;
  env: Environment;
  server: Server;
  stop(): Promise<void>;
}

/** What an example plugs in: its app (as a node request listener) and the model it uses. */
export type MountExample = (env: Environment, user: string) => Promise<{ listener: RequestListener; modelLabel: string }>;

/**
 * Starts an example the way every example starts: listen first (the public URL must be known to
 * register the sandbox redirect URIs), then build onbehalf and the app on that URL.
 */
export async function serveExample(options: { mount: MountExample; user: string; port: number; publicUrl?: string }): Promise<RunningExample & { modelLabel: string }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const url = options.publicUrl ?? `http://localhost:${(server.address() as AddressInfo).port}`;
  const env = await createEnvironment(url);
  const { listener, modelLabel } = await options.mount(env, options.user);
  server.on('request', listener);
  return {
    url,
    env,
    server,
    modelLabel,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await env.close();
    },
  };
}

/**
 * An example's `main`: serves it and prints where, or with `--headless` (or CI=true) plays the
 * demo story against it, prints it and exits (0 when the account ended ACTIVE and a tool ran).
 */
export async function runExampleMain(options: { stack: string; defaultPort: number; mount: MountExample }): Promise<void> {
  const headless = process.argv.includes('--headless') || process.env.CI === 'true';
  const user = process.env.DEMO_USER ?? 'demo-user';
  const app = await serveExample({
    mount: options.mount,
    user,
    port: headless ? 0 : Number(process.env.PORT ?? options.defaultPort),
    ...(process.env.PUBLIC_URL && !headless ? { publicUrl: process.env.PUBLIC_URL } : {}),
  });

  console.log(`onbehalf example: ${options.stack} — model: ${app.modelLabel}`);
  if (app.env.sandboxed.length > 0) console.log(`Sandbox providers (local, offline): ${app.env.sandboxed.join(', ')} at ${app.env.sandbox.sandbox.url}`);

  if (headless) {
    let code = 0;
    try {
      const result = await runHeadlessStory({ appUrl: app.url, env: app.env, user });
      if (result.status !== 'ACTIVE' || result.toolCalls.length === 0) code = 1;
    } catch (error) {
      console.error('The headless story failed:', error instanceof Error ? error.message : error);
      code = 1;
    }
    await app.stop();
    process.exit(code);
  }
  console.log(`\n  Open ${app.url} and click "Connect" next to gmail.\n  (Sign in at the sandbox with any name.) Press Ctrl+C to stop.\n`);
  const stop = async () => {
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
