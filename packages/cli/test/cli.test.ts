import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOnBehalf, type ConnectedAccount } from '@onbehalf/core';
import { BASE_URL, createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../core/test/support/databases.ts';
import { interruptCli, runCli, type CliRun } from './support/run-cli.ts';

// The `onbehalf` command run as an operator runs it: a separate process, configured by the
// environment (and --config), against the same database as the app (the testbed, whose gmail
// connection points at the sandbox's real OAuth server).

const ACME_CONFIG = fileURLToPath(new URL('./fixtures/acme-config.ts', import.meta.url));
const ACME_INSTANCE = fileURLToPath(new URL('./fixtures/acme-instance.ts', import.meta.url));
const key = () => randomBytes(32).toString('base64');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
/** A base URL on localhost, where providers accept plain-http redirect URIs. */
const LOCAL = { ONBEHALF_BASE_URL: 'http://localhost:3000/onbehalf' };
const json = <T>(run: CliRun): T => JSON.parse(run.stdout) as T;

interface DoctorOutput {
  ok: boolean;
  checks: Array<{ check: string; name?: string; ok: boolean; code?: string; message: string; problems?: string[]; redirectUri?: string | null }>;
}

for (const dialect of testDialects) {
  describe(`a fresh database [${dialect}]`, () => {
    let db: TestDatabase;
    let env: Record<string, string>;
    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      env = { ONBEHALF_DATABASE_URL: db.url, ONBEHALF_ENCRYPTION_KEY: key(), ONBEHALF_BASE_URL: BASE_URL };
    });
    afterAll(() => db.cleanup());

    it('doctor says to migrate (exit 3); migrate creates the tables and the --config connections; doctor flags the connection that lacks its secret (exit 2)', async () => {
      const before = await runCli(['doctor', '--json'], env);
      expect(before.code).toBe(3);
      expect(json<DoctorOutput>(before).checks.find((c) => c.check === 'database')).toMatchObject({ ok: false, code: 'DATABASE_ERROR', message: expect.stringContaining('onbehalf migrate') });

      const migrated = await runCli(['--config', ACME_CONFIG, 'migrate', '--json'], env);
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(json<{ migrated: boolean; connections: Array<{ name: string; redirectUri: string }> }>(migrated)).toMatchObject({ migrated: true, connections: [{ name: 'acme', redirectUri: `${BASE_URL}/callback/acme` }] });

      // The custom provider exists only in the app's options: without --config it is unknown.
      expect((await runCli(['connections', 'list'], env)).code).toBe(4);
      // The same through a module that exports the app's OnBehalf instance.
      const viaInstance = await runCli(['connections', 'list', '--json', '--config', ACME_INSTANCE], env);
      expect(viaInstance.code, viaInstance.stderr).toBe(0);
      expect(json<Array<{ name: string }>>(viaInstance).map((c) => c.name)).toEqual(['acme']);
      const shown = await runCli(['connections', 'show', 'acme', '--config', ACME_CONFIG, '--json'], env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(json<{ problems: string[]; hasClientSecret: boolean }>(shown)).toMatchObject({ hasClientSecret: false, problems: expect.arrayContaining([expect.stringContaining('no client secret')]) });

      const doctor = await runCli(['doctor', '--config', ACME_CONFIG, '--json'], env);
      expect(doctor.code).toBe(2);
      const report = json<DoctorOutput>(doctor);
      expect(report.ok).toBe(false);
      expect(report.checks.filter((c) => !c.ok)).toEqual([
        expect.objectContaining({ check: 'connection', name: 'acme', code: 'CONNECTION_MISCONFIGURED', problems: expect.arrayContaining([expect.stringContaining('no client secret'), expect.stringContaining('plain-http')]), redirectUri: `${BASE_URL}/callback/acme` }),
      ]);
      const human = await runCli(['doctor', '--config', ACME_CONFIG], env);
      expect(human.stdout).toContain(`redirect URI to register: ${BASE_URL}/callback/acme`);
      expect(human.stdout).toMatch(/^FAIL connection acme: no client secret/m);
    });
  });

  describe(`operating an app's accounts [${dialect}]`, () => {
    let db: TestDatabase;
    let t: Testbed;
    let env: Record<string, string>;
    const encryptionKey = key();
    /** Everything printed with --json, checked for secrets at the end. */
    const printed: string[] = [];
    const secrets: string[] = [encryptionKey];
    const cli = async (args: string[], extra: Record<string, string> = {}) => {
      const run = await runCli(args, { ...env, ...extra });
      if (args.includes('--json')) printed.push(run.stdout, run.stderr);
      return run;
    };
    const tokensOf = async (identifier: string) => {
      const credentials = await t.ob.accounts.getCredentials({ connection: 'gmail', identifier });
      if (credentials.type !== 'oauth2') throw new Error('expected OAuth credentials');
      secrets.push(credentials.accessToken, ...(credentials.refreshToken ? [credentials.refreshToken] : []));
      return credentials;
    };

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      t = await createTestbed({ database: db.url, encryptionKey });
      env = { ONBEHALF_DATABASE_URL: db.url, ONBEHALF_ENCRYPTION_KEY: encryptionKey, ONBEHALF_BASE_URL: BASE_URL };
      await t.connect('alice', 'alice');
      await tokensOf('alice');
    });
    afterAll(async () => {
      await t.close();
      await db.cleanup();
    });

    it('lists and shows connections and accounts, by id or by connection and identifier', async () => {
      const connections = await cli(['connections', 'list', '--json']);
      expect(connections.code, connections.stderr).toBe(0);
      expect(json<Array<{ name: string; hasClientSecret: boolean; redirectUri: string }>>(connections)).toEqual([expect.objectContaining({ name: 'gmail', hasClientSecret: true, redirectUri: `${BASE_URL}/callback/gmail` })]);
      expect((await cli(['connections', 'show', 'nope', '--json'])).code).toBe(4);

      const list = await cli(['accounts', 'list', '--connection', 'gmail', '--status', 'ACTIVE', '--json']);
      expect(list.code, list.stderr).toBe(0);
      const page = json<{ items: ConnectedAccount[]; nextCursor: string | null }>(list);
      expect(page.items.map((a) => [a.identifier, a.status])).toEqual([['alice', 'ACTIVE']]);
      expect(page.nextCursor).toBeNull();

      const byKey = json<ConnectedAccount>(await cli(['accounts', 'show', '-c', 'gmail', '-i', 'alice', '--json']));
      const byId = json<ConnectedAccount>(await cli(['accounts', 'show', page.items[0]!.id, '--json']));
      expect(byId).toEqual(byKey);
      expect(byKey).toMatchObject({ connection: 'gmail', identifier: 'alice', status: 'ACTIVE', scopes: expect.arrayContaining(['https://www.googleapis.com/auth/gmail.readonly']) });
      expect(new Date(byKey.expiresAt!).getTime()).toBe((await t.ob.accounts.get({ connection: 'gmail', identifier: 'alice' })).expiresAt!.getTime());

      expect((await cli(['accounts', 'show', '-c', 'gmail', '-i', 'nobody', '--json'])).code).toBe(4);
    });

    it('link gives a link that takes the person through consent; refresh gets a new token; revoke ends it', async () => {
      const linked = await cli(['accounts', 'link', '--connection', 'gmail', '--identifier', 'bob', '--json']);
      expect(linked.code, linked.stderr).toBe(0);
      const { link } = json<{ link: string; expiresAt: string }>(linked);
      expect(link.startsWith(`${BASE_URL}/authorize/`)).toBe(true);
      expect((await t.ob.accounts.get({ connection: 'gmail', identifier: 'bob' })).status).toBe('PENDING');
      await t.authorize(link, 'bob');
      expect((await t.ob.accounts.get({ connection: 'gmail', identifier: 'bob' })).status).toBe('ACTIVE');

      const before = await tokensOf('bob');
      const refreshed = await cli(['accounts', 'refresh', '-c', 'gmail', '-i', 'bob', '--json']);
      expect(refreshed.code, refreshed.stderr).toBe(0);
      const after = await tokensOf('bob');
      expect(after.accessToken).not.toBe(before.accessToken);
      // The sandbox knows the new token as bob's: the refresh really happened at the provider.
      expect((await t.provider.sandbox.verifyAccessToken(after.accessToken))?.sub).toBe('bob');
      expect(json<ConnectedAccount>(refreshed)).toMatchObject({ identifier: 'bob', status: 'ACTIVE', expiresAt: after.expiresAt!.toISOString() });

      const revoked = await cli(['accounts', 'revoke', '-c', 'gmail', '-i', 'bob', '--json']);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(json<ConnectedAccount>(revoked)).toMatchObject({ identifier: 'bob', status: 'REVOKED' });
      expect((await t.ob.accounts.get({ connection: 'gmail', identifier: 'bob' })).status).toBe('REVOKED');
      // A revoked account needs a person again: exit 6, with the library's code.
      const again = await cli(['accounts', 'refresh', '-c', 'gmail', '-i', 'bob', '--json']);
      expect(again.code).toBe(6);
      expect(json<{ error: { code: string; exitCode: number } }>(again).error).toMatchObject({ exitCode: 6 });
    });

    it('refresher run-once refreshes the tokens that are due', async () => {
      t.provider.sandbox.setTokenPolicy({ accessTokenTtl: 2 });
      try {
        await t.connect('carol', 'carol');
        const before = await tokensOf('carol');
        // Due once half of its two-second lifetime is gone.
        while (before.expiresAt!.getTime() - Date.now() > 900) await new Promise((resolve) => setTimeout(resolve, 100));
        const sweep = await cli(['refresher', 'run-once', '--json']);
        expect(sweep.code, sweep.stderr).toBe(0);
        expect(json<{ refreshed: number; failed: number }>(sweep)).toMatchObject({ refreshed: 1, failed: 0 });
        expect((await tokensOf('carol')).accessToken).not.toBe(before.accessToken);
      } finally {
        t.provider.sandbox.setTokenPolicy({ accessTokenTtl: 3600 });
      }
    });

    it('doctor passes with the app\'s key on a localhost base URL, and fails on plain http elsewhere and on a key that is not the app\'s', async () => {
      // The testbed's http://app.test base URL is a problem doctor reports (providers take plain
      // http only on localhost); on localhost the configuration is sound.
      const plainHttp = await cli(['doctor', '--json']);
      expect(plainHttp.code).toBe(2);
      expect(json<DoctorOutput>(plainHttp).checks.filter((c) => !c.ok)).toEqual([expect.objectContaining({ name: 'gmail', problems: [expect.stringContaining('plain-http')] })]);
      const healthy = await cli(['doctor', '--json'], LOCAL);
      expect(healthy.code, healthy.stdout).toBe(0);
      expect(json<DoctorOutput>(healthy)).toMatchObject({ ok: true, checks: expect.arrayContaining([expect.objectContaining({ check: 'connection', name: 'gmail', ok: true, redirectUri: `${LOCAL.ONBEHALF_BASE_URL}/callback/gmail` })]) });

      const foreign = await cli(['doctor', '--json'], { ...LOCAL, ONBEHALF_ENCRYPTION_KEY: key() });
      expect(foreign.code).toBe(2);
      expect(json<DoctorOutput>(foreign).checks.find((c) => !c.ok)).toMatchObject({ check: 'stored secrets', code: 'DECRYPTION_FAILED' });
    });

    it('vault rotate moves every secret to the new key, and an interrupted or limited run is resumed by the next', async () => {
      for (const identifier of ['dan', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory']) await t.connect(identifier, identifier);
      const accounts = (await t.ob.accounts.list({ connection: 'gmail', limit: 100 })).items.filter((a) => a.status === 'ACTIVE');
      const newKey = key();
      const ring = { ONBEHALF_ENCRYPTION_KEYS: `default:${encryptionKey},k2:${newKey}`, ONBEHALF_CURRENT_KEY_ID: 'k2' };
      secrets.push(newKey);

      // A limited run: the connection's secret and three accounts.
      const first = await cli(['vault', 'rotate', '--limit', '3', '--batch-size', '2', '--json'], ring);
      expect(first.code, first.stderr).toBe(0);
      expect(json<{ accounts: number; connections: number; remaining: number }>(first)).toMatchObject({ accounts: 3, connections: 1, remaining: accounts.length - 3 });
      expect(first.stderr).toMatch(new RegExp(`re-encrypting under 'k2': 4/${accounts.length + 1}`));

      // Ctrl-C in the middle of the next run: what it moved stays moved.
      const stopped = await interruptCli(['vault', 'rotate', '--batch-size', '1', '--json'], { ...env, ...ring }, (line) => /: [1-9]\d*\//.test(line));
      expect(stopped.interrupted).toBe(true);
      if (stopped.code !== 0) {
        expect(stopped.code).toBe(130);
        expect(stopped.stderr).toContain('run `onbehalf vault rotate` again');
      }

      const last = await cli(['vault', 'rotate', '--json'], ring);
      expect(last.code, last.stderr).toBe(0);
      const rest = json<{ accounts: number; connections: number; remaining: number; failed: unknown[] }>(last);
      expect(rest).toMatchObject({ connections: 0, remaining: 0, failed: [] });
      expect(rest.accounts).toBeLessThan(accounts.length - 3);
      expect((await cli(['vault', 'rotate', '--json'], ring)).stdout).toContain('"accounts": 0');
      // A ring without the key the rows are under moves nothing, lists them by id, and exits 2.
      const lost = await cli(['vault', 'rotate', '--json', '--no-progress'], { ONBEHALF_ENCRYPTION_KEYS: `x:${key()},k3:${key()}`, ONBEHALF_CURRENT_KEY_ID: 'k3' });
      expect(lost.code).toBe(2);
      const lostResult = json<{ accounts: number; failed: Array<{ table: string; rowId: string }> }>(lost);
      expect(lostResult.accounts).toBe(0);
      expect(lostResult.failed.filter((f) => f.table === 'accounts').map((f) => f.rowId).sort()).toEqual(accounts.map((a) => a.id).sort());
      expect(lost.stderr).toContain('add the key they were sealed with');

      // Everything opens with the new key alone; the old one alone opens nothing any more.
      expect((await cli(['doctor'], { ...LOCAL, ONBEHALF_ENCRYPTION_KEYS: `k2:${newKey}` })).code).toBe(0);
      expect((await cli(['doctor', '--json'], { ...LOCAL, ONBEHALF_ENCRYPTION_KEY: encryptionKey })).stdout).toContain('"code": "DECRYPTION_FAILED"');
      const app = createOnBehalf({ database: db.url, encryptionKeys: { k2: newKey }, baseUrl: BASE_URL, logger: quiet });
      try {
        for (const account of accounts) expect((await app.accounts.getCredentials({ id: account.id })).type).toBe('oauth2');
      } finally {
        await app.close();
      }
    });

    it('never prints a token, a client secret or a key with --json', () => {
      const output = printed.join('\n');
      expect(output.length).toBeGreaterThan(1000);
      for (const secret of secrets) expect(output.includes(secret), 'a secret in the output').toBe(false);
      expect(output).not.toMatch(/"(accessToken|refreshToken|clientSecret|idToken)"/);
    });
  });
}

// Mistakes that need no database content: run once, not per dialect.
describe('usage and environment mistakes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onbehalf-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sqliteEnv = () => ({ ONBEHALF_DATABASE_URL: `sqlite:${join(dir, 'onbehalf.db')}`, ONBEHALF_ENCRYPTION_KEY: key() });

  it('is exit 1 for a usage mistake, before anything is opened', async () => {
    const usage = await runCli(['accounts', 'show']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--connection and --identifier');
    expect((await runCli(['accounts', 'list', '--status', 'HAPPY'], sqliteEnv())).code).toBe(1);
  });

  it('is exit 2 for a malformed or missing key, with doctor saying which', async () => {
    const malformed = await runCli(['doctor', '--json'], { ...sqliteEnv(), ONBEHALF_ENCRYPTION_KEY: 'too-short' });
    expect(malformed.code).toBe(2);
    expect(json<DoctorOutput>(malformed).checks).toEqual([expect.objectContaining({ check: 'encryption key', ok: false, code: 'ENCRYPTION_KEY_INVALID' })]);
    const missing = await runCli(['doctor'], { ONBEHALF_DATABASE_URL: sqliteEnv().ONBEHALF_DATABASE_URL });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(/^FAIL encryption key: No encryption key/m);
  });

  it('is exit 3 for a database that cannot be reached or opened, without echoing its password', async () => {
    const unreachable = await runCli(['doctor', '--json'], { ONBEHALF_DATABASE_URL: 'postgres://onbehalf:hunter2-db-password@127.0.0.1:9/app', ONBEHALF_ENCRYPTION_KEY: key() });
    expect(unreachable.code).toBe(3);
    expect(json<DoctorOutput>(unreachable).checks.find((c) => !c.ok)).toMatchObject({ check: 'database', code: 'DATABASE_ERROR', message: expect.stringContaining('ECONNREFUSED') });
    expect(unreachable.stdout).not.toContain('hunter2-db-password');
    // Any command, not only doctor, says it was the database.
    const listed = await runCli(['accounts', 'list', '--json'], { ONBEHALF_DATABASE_URL: 'postgres://onbehalf:hunter2-db-password@127.0.0.1:9/app', ONBEHALF_ENCRYPTION_KEY: key() });
    expect(listed.code).toBe(3);
    expect(json<{ error: { code: string } }>(listed).error.code).toBe('DATABASE_ERROR');
    expect(listed.stdout + listed.stderr).not.toContain('hunter2-db-password');
    const noFolder = await runCli(['doctor'], { ...sqliteEnv(), ONBEHALF_DATABASE_URL: `sqlite:${join(dir, 'missing', 'onbehalf.db')}` });
    expect(noFolder.code, noFolder.stdout + noFolder.stderr).toBe(3);
    expect(noFolder.stdout).toMatch(/^FAIL database:/m);
  });
});
