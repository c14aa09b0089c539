import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The example's folder, where `next` runs. */
export const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** Runs the `next` CLI of this example with the Node that runs the tests. */
export function runNext(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  return spawn(process.execPath, [NEXT_BIN, ...args], { cwd: EXAMPLE_DIR, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
}
