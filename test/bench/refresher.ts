// Proactive refresher throughput on PostgreSQL: 10 000 accounts due within the window, 3 refresher
// instances on one database. Checks that every account was refreshed exactly once (the token
// endpoint below rotates refresh tokens and detects reuse) and prints refreshes per second against
// the floor measured in the same run: the same number of refresh-token requests sent straight to
// the same endpoint with fetch, at the same concurrency. A ratio, never a time threshold.
//
// `node bench/refresher.ts` (part of `npm run bench`). PostgreSQL: ONBEHALF_BENCH_POSTGRES_URL,
// else ONBEHALF_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/test; skipped when unreachable.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createOnBehalf, defineProvider, type OnBehalf, type RefresherOptions, type SweepResult } from '@onbehalf/core';
// The bench seeds sealed rows itself (consent for 10 000 accounts would take minutes): with the
// library's own vault, under the same key and row context as the library uses.
import { newId } from '../../packages/core/src/store/ids.ts';
import { createKeyring, createVault } from '../../packages/core/src/vault/index.ts';

const ACCOUNTS = Number(process.env.ONBEHALF_BENCH_REFRESHER_ACCOUNTS ?? 10_000);
const INSTANCES = 3;
const CONNECTIONS = 4;
const OPTIONS = { concurrency: 8, perConnectionConcurrency: 4, intervalSeconds: 3600, aheadSeconds: 600 } satisfies RefresherOptions;
/** In flight at once over all instances: each is bounded by its concurrency and by its per-connection limit times the connections. */
const CONCURRENCY = INSTANCES * Math.min(OPTIONS.concurrency, OPTIONS.perConnectionConcurrency * CONNECTIONS);
const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = 'bench-secret';

const baseUrl = process.env.ONBEHALF_BENCH_POSTGRES_URL ?? process.env.ONBEHALF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A token endpoint that rotates refresh tokens like the strict providers do: each refresh token
 * works once; presenting a spent one answers invalid_grant and is counted as a double refresh.
 */
async function startTokenEndpoint() {
  const byToken = new Map<string, { account: string; spent: boolean }>();
  const current = new Map<string, string>();
  const refreshes = new Map<string, number>();
  const stats = { doubleRefreshes: 0, unknownTokens: 0 };
  const issue = (account: string): string => {
    const token = `rt-${randomBytes(16).toString('base64url')}`;
    byToken.set(token, { account, spent: false });
    current.set(account, token);
    return token;
  };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(json));
      };
      const params = new URLSearchParams(body);
      if (req.method !== 'POST' || req.url !== '/token' || params.get('grant_type') !== 'refresh_token') return answer(400, { error: 'unsupported_grant_type' });
      const entry = byToken.get(params.get('refresh_token') ?? '');
      if (!entry) {
        stats.unknownTokens++;
        return answer(400, { error: 'invalid_grant' });
      }
      if (entry.spent) {
        stats.doubleRefreshes++;
        return answer(400, { error: 'invalid_grant', error_description: 'refresh token reused' });
      }
      entry.spent = true;
      refreshes.set(entry.account, (refreshes.get(entry.account) ?? 0) + 1);
      answer(200, { access_token: `at-${randomBytes(16).toString('base64url')}`, token_type: 'Bearer', expires_in: 3600, refresh_token: issue(entry.account) });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    issue,
    current: (account: string) => current.get(account),
    refreshesOf: (account: string) => refreshes.get(account) ?? 0,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `fn` over `items` with `parallel` workers. */
async function eachParallel<T>(items: T[], parallel: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

if (!(await postgresReachable())) {
  console.log(`refresher benchmark skipped: PostgreSQL is not reachable at ${baseUrl.replace(/\/\/[^@/]*@/, '//…@')}`);
  process.exit(0);
}

const schema = `ob_bench_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const dbUrl = new URL(baseUrl);
dbUrl.searchParams.set('options', `-c search_path=${schema}`);
const db = new pg.Client({ connectionString: dbUrl.href });
await db.connect();

const endpoint = await startTokenEndpoint();
const encryptionKey = randomBytes(32).toString('base64');
const provider = defineProvider({
  id: 'bench_idp',
  name: 'Bench IdP',
  auth: { type: 'oauth2', authorizationUrl: `${endpoint.url}/authorize`, tokenUrl: `${endpoint.url}/token` },
  api: { baseUrl: endpoint.url },
});
const connectionNames = Array.from({ length: CONNECTIONS }, (_, i) => `bench${i}`);
const open = (declare: boolean): OnBehalf => createOnBehalf({
  database: dbUrl.href,
  encryptionKey,
  logger: { debug() {}, info() {}, warn() {}, error: (message, fields) => console.error(message, fields) },
  providers: [provider],
  ...(declare ? { connections: connectionNames.map((name) => ({ name, provider: 'bench_idp', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: [] })) } : {}),
});

const instances: OnBehalf[] = [];
try {
  instances.push(open(true));
  await instances[0]!.migrate();
  for (let i = 1; i < INSTANCES; i++) instances.push(open(false));

  // Seed: one PENDING account per connection through the library, cloned in bulk into 10 000
  // rows (every column copied, so the bench follows the schema), each with its own tokens sealed
  // by the library's vault. Each token is a 1-hour token issued 58 minutes ago: due under any
  // margin rule.
  const seedStart = performance.now();
  for (const connection of connectionNames) await instances[0]!.accounts.getOrCreate({ connection, identifier: 'template' });
  const columns = (await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'onbehalf_accounts' ORDER BY ordinal_position`, [schema],
  )).rows.map((r) => r.column_name);
  const now = Date.now();
  const replaced: Record<string, string> = {
    id: 'v.id', identifier: 'v.identifier', status: `'ACTIVE'`, credentials: 'v.credentials', credentials_key_id: 'v.key_id',
    expires_at: `${now + 120_000}::bigint`, authorized_at: `${now - 3_480_000}::bigint`,
  };
  const vault = createVault(createKeyring({ encryptionKey }));
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: newId('acc'), identifier: `user${i}`, connection: connectionNames[i % CONNECTIONS]! }));
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const sealed = batch.map(({ id, identifier }) =>
      vault.seal({ type: 'oauth2', accessToken: `at-seed-${identifier}`, refreshToken: endpoint.issue(identifier), tokenType: 'Bearer', idToken: null }, { table: 'accounts', rowId: id, field: 'credentials' }));
    await db.query(
      `INSERT INTO onbehalf_accounts (${columns.join(', ')})
       SELECT ${columns.map((c) => replaced[c] ?? `t.${c}`).join(', ')}
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, identifier, connection, credentials, key_id)
       JOIN onbehalf_accounts t ON t.connection_name = v.connection AND t.identifier = 'template'`,
      [batch.map((r) => r.id), batch.map((r) => r.identifier), batch.map((r) => r.connection), sealed.map((s) => s.ciphertext), sealed.map((s) => s.keyId)],
    );
  }
  await db.query(`DELETE FROM onbehalf_accounts WHERE identifier = 'template'`);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  // The refresher: three instances sweeping the same database at once.
  const refreshers = instances.map((ob) => ob.startRefresher(OPTIONS));
  const runStart = performance.now();
  const results: SweepResult[] = await Promise.all(refreshers.map((r) => r.runOnce()));
  const runSeconds = (performance.now() - runStart) / 1000;
  await Promise.all(refreshers.map((r) => r.stop()));

  // Exactly once: every account refreshed once, no refresh token presented twice, every stored
  // token the endpoint's current one (no rotation lost), every row ACTIVE, unleased and not due.
  assert.equal(results.reduce((sum, r) => sum + r.refreshed, 0), ACCOUNTS, 'refreshes reported by the sweeps');
  assert.equal(results.reduce((sum, r) => sum + r.failed, 0), 0, 'failed refreshes');
  assert.equal(endpoint.stats.doubleRefreshes, 0, 'refresh tokens presented twice');
  assert.equal(endpoint.stats.unknownTokens, 0, 'unknown refresh tokens presented');
  for (const { identifier } of rows) assert.equal(endpoint.refreshesOf(identifier), 1, `refreshes of ${identifier}`);
  const stored = await db.query<{ id: string; identifier: string; status: string; credentials: string; lease_owner: string | null; expires_at: string }>(
    'SELECT id, identifier, status, credentials, lease_owner, expires_at FROM onbehalf_accounts',
  );
  assert.equal(stored.rows.length, ACCOUNTS);
  for (const row of stored.rows) {
    assert.equal(row.status, 'ACTIVE');
    assert.equal(row.lease_owner, null);
    assert.ok(Number(row.expires_at) > Date.now() + OPTIONS.aheadSeconds * 1000, 'the new token is not due');
    const credentials = vault.open<{ refreshToken: string }>(row.credentials, { table: 'accounts', rowId: row.id, field: 'credentials' });
    assert.equal(credentials.refreshToken, endpoint.current(row.identifier), `stored refresh token of ${row.identifier}`);
  }
  const perInstance = results.map((r) => r.refreshed);


  // The floors, same number of refresh-token requests at the same concurrency: bare fetch calls of
  // the endpoint; and each call followed by what any correct refresher must also do, sealing the
  // new tokens and writing them to the account's row in one UPDATE.
  const authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
  const refreshDirectly = async (refreshToken: string): Promise<{ access_token: string; refresh_token: string; expires_in: number }> => {
    const response = await fetch(`${endpoint.url}/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    const body = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
    assert.ok(response.ok && body.access_token);
    return body;
  };
  const timed = async (fn: () => Promise<void>): Promise<number> => {
    const start = performance.now();
    await fn();
    return (performance.now() - start) / 1000;
  };
  const fetchSeconds = await timed(() => eachParallel(rows.map((r) => endpoint.issue(`floor-${r.identifier}`)), CONCURRENCY, async (token) => void (await refreshDirectly(token))));
  const pool = new pg.Pool({ connectionString: dbUrl.href, max: CONCURRENCY });
  const withWrites = rows.map((r) => ({ id: r.id, token: endpoint.issue(`floor-write-${r.identifier}`) }));
  const writeSeconds = await timed(() => eachParallel(withWrites, CONCURRENCY, async ({ id, token }) => {
    const body = await refreshDirectly(token);
    const sealed = vault.seal({ type: 'oauth2', accessToken: body.access_token, refreshToken: body.refresh_token, tokenType: 'Bearer', idToken: null }, { table: 'accounts', rowId: id, field: 'credentials' });
    await pool.query('UPDATE onbehalf_accounts SET credentials = $1, credentials_key_id = $2, expires_at = $3 WHERE id = $4', [sealed.ciphertext, sealed.keyId, Date.now() + body.expires_in * 1000, id]);
  }));
  await pool.end();

  const rate = (seconds: number) => (ACCOUNTS / seconds).toFixed(0).padStart(10);
  const ratio = (seconds: number) => (runSeconds / seconds).toFixed(1).padStart(11);
  console.log('');
  console.log(`refresher: ${ACCOUNTS.toLocaleString('en')} due accounts on PostgreSQL, ${CONNECTIONS} connections, ${INSTANCES} instances in this process (concurrency ${OPTIONS.concurrency}, ${OPTIONS.perConnectionConcurrency} per connection)`);
  console.log(`  seeded in ${seedSeconds.toFixed(1)} s; every account refreshed exactly once (per instance: ${perInstance.join(' + ')})`);
  console.log(`                                                      refreshes/s   refresher time × floor`);
  console.log(`  floor: bare fetch of the token endpoint, ${String(CONCURRENCY).padStart(2)} at once  ${rate(fetchSeconds)}   ${ratio(fetchSeconds)}`);
  console.log(`  floor: fetch + seal + UPDATE of the row, ${String(CONCURRENCY).padStart(2)} at once  ${rate(writeSeconds)}   ${ratio(writeSeconds)}`);
  console.log(`  ${INSTANCES} refresher instances                               ${rate(runSeconds)}`);
} finally {
  for (const ob of instances) await ob.close();
  await endpoint.close();
  await db.end();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
