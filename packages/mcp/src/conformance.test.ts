import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mcpRouter } from './index.ts';

// The official conformance suite (@modelcontextprotocol/conformance, its `server` command) against
// the per-user server mounted as an app mounts it, on 127.0.0.1 only. The suite's client speaks no
// OAuth in its server scenarios, so the test's listener hands it a valid token of user alice; the
// token checks themselves are covered by mcp-server.test.ts.
const CLI = join(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json'), '..', 'dist', 'index.js');
const BASELINE = fileURLToPath(new URL('../conformance-baseline.yml', import.meta.url));
const TOKEN = 'conformance-token';

let t: Testbed;
let server: Server;
let url: string;
let output: string;

beforeAll(async () => {
  t = await createTestbed();
  await t.connect('alice', 'alice');
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const router = mcpRouter(t.ob, { resource: url, authorizationServers: [t.provider.sandbox.issuer], verifyToken: (token) => (token === TOKEN ? { identifier: 'alice' } : null) });
  server.on('request', (req, res) => {
    req.headers.authorization ??= `Bearer ${TOKEN}`;
    router(req, res);
  });
  output = mkdtempSync(join(tmpdir(), 'onbehalf-conformance-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  rmSync(output, { recursive: true, force: true });
});

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
}

it('passes the official conformance suite, but for the reference server’s fixtures it has no reason to have', async () => {
  const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [CLI, 'server', '--url', url, '--suite', 'all', '--expected-failures', BASELINE, '-o', output], { timeout: 90_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout });
    });
  });
  const results = readdirSync(output).map((dir) => ({
    scenario: dir.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, ''),
    checks: JSON.parse(readFileSync(join(output, dir, 'checks.json'), 'utf8')) as Check[],
  }));
  const failing = results.flatMap(({ scenario, checks }) => checks.filter((c) => c.status === 'FAILURE').map((c) => ({ scenario, id: c.id, why: c.errorMessage ?? '' })));
  // Every failure is a fixture the suite looks for and this server does not offer.
  for (const failure of failing) expect(failure.why, `${failure.scenario}/${failure.id}`).toMatch(/Tool '?\w+'? not found|Method not found/);
  // What any MCP server must do, it does.
  const passed = new Set(results.filter(({ checks }) => checks.length > 0 && checks.every((c) => c.status !== 'FAILURE')).map((r) => r.scenario));
  for (const scenario of ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']) expect(passed, scenario).toContain(scenario);
  // And the CLI agrees with the baseline: nothing else failed, and no listed scenario passed.
  expect(run.code, run.stdout.slice(-2_000)).toBe(0);
}, 120_000);
