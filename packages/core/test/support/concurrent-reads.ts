// Child process for the multi-process refresh test: waits for a common start time, then reads
// the same expired token many times at once and prints the distinct access tokens it got.
import { createOnBehalf } from '../../src/create-on-behalf.ts';
import { silentLogger } from '../../src/logger.ts';
import { sandboxProvider } from './sandbox-provider.ts';

const [database, key, issuer, identifier, count, startAt] = process.argv.slice(2) as [string, string, string, string, string, string];
const ob = createOnBehalf({ database, encryptionKey: key, logger: silentLogger, providers: [sandboxProvider(issuer)] });
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const results = await Promise.allSettled(Array.from({ length: Number(count) }, () => ob.accounts.getAccessToken({ connection: 'demo', identifier })));
const tokens = new Set<string>();
const errors: string[] = [];
for (const result of results) {
  if (result.status === 'fulfilled') tokens.add(result.value.accessToken);
  else errors.push((result.reason as { code?: string }).code ?? 'unknown');
}
process.stdout.write(JSON.stringify({ tokens: [...tokens], errors }));
await ob.close();
