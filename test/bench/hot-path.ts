// The hot paths against their floors, on SQLite and PostgreSQL, each a ratio measured in this run:
//   token read vs the encrypted-read floor (one prepared indexed select + one AES-256-GCM open +
//   JSON.parse), a cached read, getCredentials, and a tool call with one GET vs a bare fetch of
//   the same URL with the same header.
import { createDecipheriv, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { z } from 'zod';
import { createOnBehalf, defineProvider, defineTool, type OnBehalf, type OnBehalfOptions } from '@onbehalf/core';
import { createSandbox } from '@onbehalf/sandbox';
import { medianMicros, pairedMedians, printTable, type Row } from './measure.ts';

const BASE_URL = 'http://bench.test/onbehalf';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ref = { connection: 'demo', identifier: 'bench-user' };

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

/** The least an encrypted token read can do after its row is fetched: open the envelope, parse it. */
function openEnvelope(ciphertext: string, key: Buffer, rowId: string): unknown {
  const envelope = JSON.parse(ciphertext) as { iv: string; t: string; c: string };
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(`onbehalf:v1:accounts:${rowId}:credentials`, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.t, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(envelope.c, 'base64')), decipher.final()]).toString('utf8'));
}

async function connect(ob: OnBehalf, sandbox: Sandbox): Promise<string> {
  const { link } = await ob.accounts.authorizationLink(ref);
  const start = await ob.handler(new Request(link));
  const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const { callbackUrl } = await sandbox.consent(start.headers.get('location')!, { user: ref.identifier });
  const done = await ob.handler(new Request(callbackUrl, { headers: { cookie } }));
  if (done.status !== 200) throw new Error(`callback answered ${done.status}`);
  return (await ob.accounts.get(ref)).id;
}

/** A local API that answers every GET with a small JSON body: what a tool call's one request hits. */
async function startApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface Store {
  name: 'SQLite' | 'PostgreSQL';
  database: string;
  /** One prepared indexed select of the account's credentials, as raw as the driver allows. */
  floorSelect(): Promise<{ id: string; credentials: string }>;
  close(): Promise<void>;
}

async function sqliteStore(): Promise<Store> {
  const file = `/tmp/onbehalf-bench-${randomBytes(4).toString('hex')}.db`;
  let raw: DatabaseSync | undefined;
  let statement: ReturnType<DatabaseSync['prepare']> | undefined;
  return {
    name: 'SQLite',
    database: `sqlite:${file}`,
    async floorSelect() {
      raw ??= new DatabaseSync(file);
      statement ??= raw.prepare('select id, credentials, expires_at, status, scopes from onbehalf_accounts where connection_name = ? and identifier = ?');
      return statement.get(ref.connection, ref.identifier) as { id: string; credentials: string };
    },
    async close() {
      raw?.close();
    },
  };
}

async function postgresStore(url: string): Promise<Store | undefined> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const schema = `ob_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const client = new pg.Client({ connectionString: scoped.href });
  await client.connect();
  const query = { name: 'floor', text: 'select id, credentials, expires_at, status, scopes from onbehalf_accounts where connection_name = $1 and identifier = $2', values: [ref.connection, ref.identifier] };
  return {
    name: 'PostgreSQL',
    database: scoped.href,
    async floorSelect() {
      return (await client.query(query)).rows[0] as { id: string; credentials: string };
    },
    async close() {
      await client.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function benchStore(store: Store, sandbox: Sandbox, api: { url: string }): Promise<Row[]> {
  const key = randomBytes(32);
  const ping = defineTool({
    name: 'bench_ping',
    description: 'One GET against the benchmark API.',
    provider: 'sandbox',
    input: z.object({}),
    execute: async (_input, ctx) => (await ctx.fetch('/ping')).json(),
  });
  const options: OnBehalfOptions = {
    database: store.database,
    encryptionKey: key.toString('base64'),
    baseUrl: BASE_URL,
    logger: silent,
    providers: [defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer: sandbox.issuer }, api: { baseUrl: api.url } })],
    connections: [{ name: 'demo', provider: 'sandbox', clientId: 'bench', clientSecret: 'bench-secret', scopes: ['openid'] }],
    tools: [ping],
  };
  const ob = createOnBehalf(options);
  await ob.migrate();
  const id = await connect(ob, sandbox);
  const cached = createOnBehalf({ ...options, cache: { ttlSeconds: 60 } });

  const floor = async () => {
    const row = await store.floorSelect();
    return openEnvelope(row.credentials, key, row.id);
  };
  // Each read is measured interleaved with the floor, so that a busy machine slows both alike.
  const [floorMicros, tokenRead] = await pairedMedians(floor, () => ob.accounts.getAccessToken(ref));
  const [floorById, byId] = await pairedMedians(floor, () => ob.accounts.getAccessToken({ id }));
  const [floorCredentials, credentials] = await pairedMedians(floor, () => ob.accounts.getCredentials(ref));
  const cachedRead = await medianMicros(() => cached.accounts.getAccessToken(ref), { perRound: 5000 });

  const { accessToken } = await ob.accounts.getAccessToken(ref);
  const headers = { authorization: `Bearer ${accessToken}`, 'user-agent': 'onbehalf/0.1' };
  const [bareFetch, toolCall] = await pairedMedians(
    async () => (await fetch(`${api.url}/ping`, { headers })).json(),
    () => ob.tools.execute({ identifier: ref.identifier, tool: 'bench_ping', input: {} }),
  );

  // Memory: many reads must not grow the heap (no per-call state that keeps tokens around).
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let i = 0; i < 20_000; i++) await ob.accounts.getAccessToken({ id });
  global.gc?.();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`\n${store.name}: heap growth after 20 000 token reads: ${heapGrowthMb.toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a settled figure)'}`);

  await cached.close();
  await ob.close();
  const n = store.name;
  return [
    { name: `${n}: floor (prepared select + AES-GCM open + JSON.parse)`, micros: floorMicros },
    { name: `${n}: getAccessToken by (connection, identifier)`, micros: tokenRead, baseline: floorMicros, target: '≤ 1.2×' },
    { name: `${n}: getAccessToken by id`, micros: byId, baseline: floorById, target: '≤ 1.2×' },
    { name: `${n}: getCredentials`, micros: credentials, baseline: floorCredentials, target: 'one row read' },
    { name: `${n}: getAccessToken, cache on (× floor; 0.05× = 20× faster)`, micros: cachedRead, baseline: floorMicros, target: '≤ 0.05×' },
    { name: `${n}: bare fetch of the API URL`, micros: bareFetch },
    { name: `${n}: tools.execute with that one GET`, micros: toolCall, baseline: bareFetch, target: `+${(toolCall - bareFetch).toFixed(0)} µs (target ≤ +100 µs)` },
  ];
}

export async function benchHotPath(): Promise<void> {
  const sandbox = await createSandbox();
  sandbox.addClient({ clientId: 'bench', clientSecret: 'bench-secret', redirectUris: [`${BASE_URL}/callback/demo`] });
  const api = await startApi();
  const stores = [await sqliteStore(), await postgresStore(process.env.ONBEHALF_BENCH_POSTGRES_URL ?? process.env.ONBEHALF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test')];
  for (const store of stores) {
    if (!store) {
      console.log('\n(PostgreSQL unreachable: its hot-path benchmarks are skipped)');
      continue;
    }
    try {
      printTable(`Hot path on ${store.name}`, await benchStore(store, sandbox, api));
    } finally {
      await store.close();
    }
  }
  await api.close();
  await sandbox.close();
}
