import { runNext } from './next-bin.ts';

/**
 * Vitest global setup: one `next build` for all test files, which then run `next start` against
 * it. `SKIP_NEXT_BUILD=1` reuses the last build (handy while editing tests only).
 */
export default async function buildOnce(): Promise<void> {
  if (process.env.SKIP_NEXT_BUILD === '1') return;
  const started = Date.now();
  const build = runNext(['build']);
  let output = '';
  build.stdout!.on('data', (chunk) => (output += chunk));
  build.stderr!.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output}`);
  console.log(`[next-ai-sdk] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
