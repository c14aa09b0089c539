import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAssistant } from './assistant.ts';
import { createDemoApp } from './app.ts';
import { createEnvironment, type Environment } from '@onbehalf/demo-kit';

export interface RunningExample {
  url: string;
  env: Environment;
  server: Server;
  stop(): Promise<void>;
}

/** The example as main.ts starts it, on a free port, against the sandbox. */
export async function startExample(user = 'demo-user'): Promise<RunningExample> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const env = await createEnvironment(url);
  server.on('request', createDemoApp({ ob: env.ob, assistant: await createAssistant(env.ob), user }));
  return {
    url,
    env,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await env.close();
    },
  };
}
