import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createTestbed, type Testbed } from '@onbehalf/e2e/agent-testbed';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The `onbehalf-mcp` command as a desktop client starts it: a child process speaking MCP on
// stdio, opening the app's vault (same database file, same key) and acting for the identifier on
// its command line only.
let t: Testbed;
let dir: string;
const encryptionKey = randomBytes(32).toString('base64');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onbehalf-mcp-'));
  t = await createTestbed({ database: `sqlite:${join(dir, 'onbehalf.db')}`, encryptionKey });
  await t.connect('alice', 'alice');
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(identifier: string, era: 'modern' | 'legacy', extra: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fileURLToPath(new URL('./bin.ts', import.meta.url)), '--identifier', identifier, '--providers', 'gmail', ...extra],
    env: { PATH: process.env.PATH ?? '', ONBEHALF_DATABASE_URL: `sqlite:${join(dir, 'onbehalf.db')}`, ONBEHALF_ENCRYPTION_KEY: encryptionKey, ONBEHALF_BASE_URL: 'http://app.test/onbehalf' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'desktop', version: '1.0.0' }, { versionNegotiation: { mode: era === 'legacy' ? 'legacy' : { pin: '2026-07-28' } } });
  await client.connect(transport);
  return client;
}

it('serves the identifier from the command line: alice reads her mailbox, bob gets his own link', async () => {
  const alice = await start('alice', 'modern');
  try {
    const result = await alice.callTool({ name: 'gmail_fetch_mails', arguments: { maxResults: 2 } });
    expect(result.isError).toBeFalsy();
    expect(t.provider.mocks.requests.some((r) => r.sub === 'alice' && r.path.includes('/messages'))).toBe(true);
  } finally {
    await alice.close();
  }
  const bob = await start('bob', 'legacy');
  try {
    const result = await bob.callTool({ name: 'gmail_fetch_mails', arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: 'AUTHORIZATION_REQUIRED' });
    const link = (result.structuredContent as { authorizationLink: string }).authorizationLink;
    // The link made in the child process opens bob's account in the app.
    await t.authorize(link, 'bob');
    expect((await t.ob.accounts.get({ connection: 'gmail', identifier: 'bob' })).status).toBe('ACTIVE');
  } finally {
    await bob.close();
  }
});

it('serves the two search tools with --mode search', async () => {
  const alice = await start('alice', 'modern', ['--mode', 'search']);
  try {
    expect((await alice.listTools()).tools.map((tool) => tool.name)).toEqual(['search_tools', 'call_tool']);
    const mails = await alice.callTool({ name: 'call_tool', arguments: { name: 'gmail_fetch_mails', input: { maxResults: 1 } } });
    expect(mails.isError).toBeFalsy();
  } finally {
    await alice.close();
  }
});
