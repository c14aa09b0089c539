// Benchmarks for the hot paths. Each prints a ratio against a baseline measured in the same run
// on the same machine, never an absolute time threshold: `pnpm bench` (or `npm run bench`).
import { randomBytes } from 'node:crypto';
import { createOnBehalf, defineProvider, type OnBehalf } from '@onbehalf/core';
import { createSandbox } from '@onbehalf/sandbox';
import { DatabaseSync } from 'node:sqlite';

const BASE_URL = 'http://bench.test/onbehalf';

async function connectedAccount(ob: OnBehalf, sandbox: Awaited<ReturnType<typeof createSandbox>>, identifier: string): Promise<void> {
  const { link } = await ob.accounts.authorizationLink({ connection: 'demo', identifier });
  const start = await ob.handler(new Request(link));
  const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const { callbackUrl } = await sandbox.consent(start.headers.get('location')!, { user: identifier });
  const done = await ob.handler(new Request(callbackUrl, { headers: { cookie } }));
  if (done.status !== 200) throw new Error(`callback answered ${done.status}`);
}

async function time(iterations: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / iterations / 1000; // µs per call
}

const sandbox = await createSandbox();
sandbox.addClient({ clientId: 'bench', clientSecret: 'bench-secret', redirectUris: [`${BASE_URL}/callback/demo`] });
const file = `/tmp/onbehalf-bench-${randomBytes(4).toString('hex')}.db`;
const ob = createOnBehalf({
  database: `sqlite:${file}`,
  encryptionKey: randomBytes(32).toString('base64'),
  baseUrl: BASE_URL,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  providers: [defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer: sandbox.issuer }, api: { baseUrl: sandbox.issuer } })],
  connections: [{ name: 'demo', provider: 'sandbox', clientId: 'bench', clientSecret: 'bench-secret', scopes: ['openid'] }],
});
await ob.migrate();
await connectedAccount(ob, sandbox, 'bench-user');
const account = await ob.accounts.get({ connection: 'demo', identifier: 'bench-user' });

// Baseline: the least any token read must do — one indexed row read from the same SQLite file.
const raw = new DatabaseSync(file);
const select = raw.prepare('select credentials, expires_at, status from onbehalf_accounts where connection_name = ? and identifier = ?');
const N = 3000;
const baseline = await time(N, () => select.get('demo', 'bench-user'));
const tokenRead = await time(N, () => ob.accounts.getAccessToken({ connection: 'demo', identifier: 'bench-user' }));
const byId = await time(N, () => ob.accounts.getAccessToken({ id: account.id }));

// Memory: many reads must not grow the heap (no per-call caches that keep tokens around).
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 20_000; i++) await ob.accounts.getAccessToken({ id: account.id });
global.gc?.();
const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

console.log('benchmark                                   µs/call   × baseline');
console.log(`baseline: raw indexed row read             ${baseline.toFixed(1).padStart(8)}       1.0`);
console.log(`getAccessToken by (connection, identifier) ${tokenRead.toFixed(1).padStart(8)}   ${(tokenRead / baseline).toFixed(1).padStart(7)}`);
console.log(`getAccessToken by id                       ${byId.toFixed(1).padStart(8)}   ${(byId / baseline).toFixed(1).padStart(7)}`);
console.log(`heap growth after 20 000 token reads: ${heapGrowthMb.toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a settled figure)'}`);

raw.close();
await ob.close();
await sandbox.close();
