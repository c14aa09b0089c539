import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAssistant } from './assistant.ts';
import { createDemoApp } from './app.ts';
import { createEnvironment } from '@onbehalf/demo-kit';
import { runHeadlessStory } from '@onbehalf/demo-kit';

// `--headless` (or CI=true): run the whole story in this process, print it, exit.
const headless = process.argv.includes('--headless') || process.env.CI === 'true';
const USER = process.env.DEMO_USER ?? 'demo-user';

const server = createServer();
await new Promise<void>((resolve) => server.listen(headless ? 0 : Number(process.env.PORT ?? 3000), '127.0.0.1', resolve));
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${(server.address() as AddressInfo).port}`;

const env = await createEnvironment(publicUrl);
const assistant = await createAssistant(env.ob);
server.on('request', createDemoApp({ ob: env.ob, assistant, user: USER }));

console.log(`onbehalf example: Express + LangChain — model: ${assistant.modelLabel}`);
if (env.sandboxed.length > 0) console.log(`Sandbox providers (local, offline): ${env.sandboxed.join(', ')} at ${env.sandbox.sandbox.url}`);

if (headless) {
  let code = 0;
  try {
    const result = await runHeadlessStory({ appUrl: publicUrl, env, user: USER });
    if (result.status !== 'ACTIVE' || result.toolCalls.length === 0) code = 1;
  } catch (error) {
    console.error('The headless story failed:', error instanceof Error ? error.message : error);
    code = 1;
  }
  server.close();
  await env.close();
  process.exit(code);
} else {
  console.log(`\n  Open ${publicUrl} and click "Connect" next to gmail.\n  (Sign in at the sandbox with any name.) Press Ctrl+C to stop.\n`);
  const stop = async () => {
    server.close();
    await env.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
