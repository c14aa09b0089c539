// Child process for the multi-process refresh tests: waits for a common start time, then reads
// the same token many times at once and prints the distinct access tokens it got.
//   argv: database key issuer identifier count startAt
//   ONBEHALF_TEST_PROVIDER: JSON overrides of the sandbox provider's OAuth settings (sandboxProvider)
//   ONBEHALF_TEST_REFRESH: JSON refresh settings (createOnBehalf's `refresh`)
import { createOnBehalf } from '../../src/create-on-behalf.ts';
import { silentLogger } from '../../src/logger.ts';
import { sandboxProvider } from './sandbox-provider.ts';

const [database, key, issuer, identifier, count, startAt] = process.argv.slice(2) as [string, string, string, string, string, string];
const provider = JSON.parse(process.env.ONBEHALF_TEST_PROVIDER ?? '{}') as Record<string, unknown>;
const refresh = JSON.parse(process.env.ONBEHALF_TEST_REFRESH ?? '{}') as Record<string, number>;
const ob = createOnBehalf({ database, encryptionKey: key, logger: silentLogger, providers: [sandboxProvider(issuer, provider)], refresh });
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
