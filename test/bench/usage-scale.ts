// ob.accounts.health() and ob.accounts.usage() with 1 000 audit rows in the table vs 1 000 000:
// the ratio must stay near 1. The measured account has the same 200 rows at both sizes; the rest
// belong to other accounts, which the covering (account_id, type, created_at, failed, tool) index
// keeps out of its queries. SQLite, and PostgreSQL when reachable.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DatabaseSync } from 'node:sqlite';
import { createOnBehalf, defineProvider } from '@onbehalf/core';
import { medianMicros, printTable, type Row } from './measure.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ref = { connection: 'demo', identifier: 'bench-user' };
const OWN_ROWS = 200;
const SMALL = 1_000;
const LARGE = Number(process.env.ONBEHALF_BENCH_AUDIT_ROWS ?? 1_000_000);
const DAY_MS = 24 * 3600 * 1000;

/** Audit rows as onbehalf writes them: tool executions (7 tools, some failed) and API requests, over the last 30 days. */
const rowsSql = (dialect: 'sqlite' | 'postgres') => {
  const p = dialect === 'sqlite' ? ['?', '?', '?', '?'] : ['$1', '$2', '$3::text', '$4::text'];
  const big = dialect === 'sqlite' ? '' : '::bigint';
  const numbers = dialect === 'sqlite' ? '' : `generate_series(${p[0]}::int, ${p[1]}::int) as i`;
  const select = `select ${p[3]} || i, case when i % 2 = 0 then 'tool.executed' else 'api.request' end,
      case when ${p[2]} = '' then 'acc_other' || (i % 5000) else ${p[2]} end, 'demo', 'fill',
      case when i % 2 = 0 then '{"executionId":"x","tool":"demo_tool_' || (i % 7) || '","durationMs":12,"outcome":"' || case when i % 10 = 0 then 'error' else 'success' end || '"}'
           else '{"status":' || case when i % 9 = 0 then 500 else 200 end || ',"outcome":"' || case when i % 9 = 0 then 'error' else 'success' end || '"}' end,
      case when i % 2 = 0 then 'demo_tool_' || (i % 7) end,
      case when (i % 2 = 0 and i % 10 = 0) or (i % 2 = 1 and i % 9 = 0) then 1 else 0 end,
      ${Date.now()}${big} - (i % 30)${big} * ${DAY_MS} - i % 1000`;
  const insert = 'insert into onbehalf_audit_events (id, type, account_id, connection_name, identifier, data, tool, failed, created_at)';
  return dialect === 'sqlite'
    ? `with recursive n(i) as (select ? union all select i + 1 from n where i < ?) ${insert} ${select} from n`
    : `${insert} ${select} from ${numbers}`;
};

async function measureAtTwoSizes(name: string, database: string, fill: (from: number, to: number, accountId: string, prefix: string) => Promise<void>): Promise<Row[]> {
  const ob = createOnBehalf({
    database,
    encryptionKey: randomBytes(32).toString('base64'),
    logger: silent,
    providers: [defineProvider({ id: 'bench', name: 'Bench', auth: { type: 'api_key', fields: [{ name: 'apiKey', label: 'API key', required: true, secret: true }] }, api: { baseUrl: 'https://bench.invalid' } })],
    connections: [{ name: 'demo', provider: 'bench' }],
  });
  await ob.migrate();
  const account = await ob.accounts.getOrCreate(ref);
  await fill(1, OWN_ROWS, account.id, 'evt_own');
  await fill(OWN_ROWS + 1, SMALL, '', 'evt_fill');
  const range = { from: new Date(Date.now() - 31 * DAY_MS), to: new Date(Date.now() + 1000) };
  const options = { rounds: 9, perRound: 40 };
  const health = () => ob.accounts.health(ref);
  const usage = () => ob.accounts.usage(ref, range);
  const check = await usage();
  if (check.toolExecutions !== OWN_ROWS / 2) throw new Error(`usage counted ${check.toolExecutions} tool executions, expected ${OWN_ROWS / 2}`);
  const small = [await medianMicros(health, options), await medianMicros(usage, options)];
  const started = Date.now();
  await fill(SMALL + 1, LARGE, '', 'evt_fill');
  const fillSeconds = (Date.now() - started) / 1000;
  if ((await usage()).toolExecutions !== OWN_ROWS / 2) throw new Error('usage counted rows of other accounts');
  const large = [await medianMicros(health, options), await medianMicros(usage, options)];
  await ob.close();
  const size = (n: number) => `${n.toLocaleString('en')} audit rows`;
  return [
    { name: `${name}: health, ${size(SMALL)}`, micros: small[0]! },
    { name: `${name}: health, ${size(LARGE)} (filled in ${fillSeconds.toFixed(0)} s)`, micros: large[0]!, baseline: small[0]!, target: '≈ 1×' },
    { name: `${name}: usage (30 days), ${size(SMALL)}`, micros: small[1]! },
    { name: `${name}: usage (30 days), ${size(LARGE)}`, micros: large[1]!, baseline: small[1]!, target: '≈ 1×' },
  ];
}

export async function benchUsageScale(): Promise<void> {
  const rows: Row[] = [];
  const file = `/tmp/onbehalf-bench-usage-${randomBytes(4).toString('hex')}.db`;
  rows.push(...await measureAtTwoSizes('SQLite', `sqlite:${file}`, async (from, to, accountId, prefix) => {
    const db = new DatabaseSync(file);
    db.exec('PRAGMA busy_timeout = 10000');
    // Parameters in the order they appear: the range, then the id prefix, then the account (twice).
    db.prepare(rowsSql('sqlite')).run(from, to, prefix, accountId, accountId);
    db.exec('ANALYZE');
    db.close();
  }));

  const url = process.env.ONBEHALF_BENCH_POSTGRES_URL ?? process.env.ONBEHALF_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url });
  const reachable = await admin.connect().then(() => true, () => false);
  if (reachable) {
    const schema = `ob_bench_usage_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    try {
      rows.push(...await measureAtTwoSizes('PostgreSQL', scoped.href, async (from, to, accountId, prefix) => {
        await admin.query(`SET search_path TO ${schema}`);
        await admin.query(rowsSql('postgres'), [from, to, accountId, prefix]);
        await admin.query('ANALYZE onbehalf_audit_events');
      }));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  } else {
    console.log('\n(PostgreSQL unreachable: its usage-scale benchmark is skipped)');
  }
  printTable('Account health and usage as the audit table grows', rows);
}
