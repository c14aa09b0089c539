// Token read latency with 1 000 accounts in the table vs 1 000 000: the ratio must stay near 1
// (every read is one indexed lookup, whatever the table holds). SQLite, and PostgreSQL when reachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import { createOnBehalf, defineProvider, type OnBehalf } from '@onbehalf/core';
import { createSandbox } from '@onbehalf/sandbox';
import { medianMicros, printTable, type Row } from './measure.ts';

const BASE_URL = 'http://bench.test/onbehalf';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ref = { connection: 'demo', identifier: 'bench-user' };
const SMALL = 1_000;
const LARGE = Number(process.env.ONBEHALF_BENCH_ACCOUNTS ?? 1_000_000);

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

/** Other users' rows: ACTIVE, no credentials of their own (only the table's size matters here). */
const FILL_SQL = {
  sqlite: `with recursive n(i) as (select ? union all select i + 1 from n where i < ?)
    insert into onbehalf_accounts (id, connection_name, identifier, identifier_type, status, scopes, metadata, version, refresh_failures, expires_at, created_at, updated_at)
    select 'acc_fill' || i, 'demo', 'fill-' || i, 'user_id', 'ACTIVE', '[]', '{}', 0, 0, 4102444800000 + i, 0, 0 from n`,
  postgres: `insert into onbehalf_accounts (id, connection_name, identifier, identifier_type, status, scopes, metadata, version, refresh_failures, expires_at, created_at, updated_at)
    select 'acc_fill' || i, 'demo', 'fill-' || i, 'user_id', 'ACTIVE', '[]', '{}', 0, 0, 4102444800000 + i, 0, 0 from generate_series($1::int, $2::int) as i`,
};

async function connect(ob: OnBehalf, sandbox: Sandbox): Promise<void> {
  const { link } = await ob.accounts.authorizationLink(ref);
  const start = await ob.handler(new Request(link));
  const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const { callbackUrl } = await sandbox.consent(start.headers.get('location')!, { user: ref.identifier });
  if ((await ob.handler(new Request(callbackUrl, { headers: { cookie } }))).status !== 200) throw new Error('consent failed');
}

async function measureAtTwoSizes(name: string, database: string, fill: (from: number, to: number) => Promise<void>, sandbox: Sandbox): Promise<Row[]> {
  const ob = createOnBehalf({
    database,
    encryptionKey: randomBytes(32).toString('base64'),
    baseUrl: BASE_URL,
    logger: silent,
    providers: [defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer: sandbox.issuer }, api: { baseUrl: sandbox.issuer } })],
    connections: [{ name: 'demo', provider: 'sandbox', clientId: 'bench', clientSecret: 'bench-secret', scopes: ['openid'] }],
  });
  await ob.migrate();
  await connect(ob, sandbox);
  await fill(1, SMALL - 1);
  const small = await medianMicros(() => ob.accounts.getAccessToken(ref));
  const started = Date.now();
  await fill(SMALL, LARGE - 1);
  const fillSeconds = (Date.now() - started) / 1000;
  const large = await medianMicros(() => ob.accounts.getAccessToken(ref));
  await ob.close();
  return [
    { name: `${name}: getAccessToken, ${SMALL.toLocaleString('en')} accounts`, micros: small },
    { name: `${name}: getAccessToken, ${LARGE.toLocaleString('en')} accounts (filled in ${fillSeconds.toFixed(0)} s)`, micros: large, baseline: small, target: '≈ 1×' },
  ];
}

export async function benchAccountScale(): Promise<void> {
  const sandbox = await createSandbox();
  sandbox.addClient({ clientId: 'bench', clientSecret: 'bench-secret', redirectUris: [`${BASE_URL}/callback/demo`] });
  const rows: Row[] = [];

  const file = `/tmp/onbehalf-bench-scale-${randomBytes(4).toString('hex')}.db`;
  const raw = () => new DatabaseSync(file);
  rows.push(...await measureAtTwoSizes('SQLite', `sqlite:${file}`, async (from, to) => {
    const db = raw();
    db.exec('PRAGMA busy_timeout = 10000');
    db.prepare(FILL_SQL.sqlite).run(from, to);
    db.close();
  }, sandbox));

  const url = process.env.ONBEHALF_BENCH_POSTGRES_URL ?? process.env.ONBEHALF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url });
  const reachable = await admin.connect().then(() => true, () => false);
  if (reachable) {
    const schema = `ob_bench_scale_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    try {
      rows.push(...await measureAtTwoSizes('PostgreSQL', scoped.href, async (from, to) => {
        await admin.query(`SET search_path TO ${schema}`);
        await admin.query(FILL_SQL.postgres, [from, to]);
        await admin.query('ANALYZE onbehalf_accounts');
      }, sandbox));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else {
    console.log('\n(PostgreSQL unreachable: its account-scale benchmark is skipped)');
  }
  printTable('Token reads as the accounts table grows', rows);
  await sandbox.close();
}
