import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('..', import.meta.url)) });

/**
 * The real monday.com definition through the sandbox: its JSON token request with PKCE accepted by
 * the authorization server, the account read after consent from the monday mock (a graphql-js
 * server over a subset of monday's schema), and every tool run there; each document the tools
 * sent is valid against monday's published schema.
 */
describe('monday.com through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'mo', tool, input })).data as T;

  it('connects with a JSON token request, keeps the account, and runs every tool on the mock', async () => {
    await bed.connect('monday', 'mo');
    const account = bed.mocks.state.monday.account('alice');
    expect((await bed.ob.accounts.get({ connection: 'monday', identifier: 'mo' })).values).toEqual({ userId: account.me.id, accountId: account.account.id, accountSlug: 'acme' });
    expect(bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-monday').map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true]]);

    const { boards } = await run<{ boards: Array<{ id: string; name: string; groups: Array<{ id: string }> }> }>('monday_list_boards', {});
    expect(boards.map((b) => b.name)).toEqual(['Product roadmap', 'Bugs']);
    const roadmap = boards[0]!;
    const first = await run<{ items: Array<{ id: string; name: string; columns: Record<string, string> }>; nextCursor?: string }>('monday_list_items', { boardId: roadmap.id, limit: 2 });
    expect(first.items[0]).toMatchObject({ name: 'SSO for enterprise plans', columns: { Status: 'Working on it', 'Due date': '2030-01-15' } });
    expect((await run<{ items: unknown[] }>('monday_list_items', { boardId: roadmap.id, cursor: first.nextCursor })).items).toHaveLength(1);

    const created = await run<{ id: string; group: string; columns: Record<string, string> }>('monday_create_item', { boardId: roadmap.id, name: 'From the agent', groupId: 'group_title', columnValues: { status: { label: 'Stuck' }, date4: { date: '2030-02-01' } } });
    expect(created).toMatchObject({ group: 'Backlog', columns: { Status: 'Stuck', 'Due date': '2030-02-01' } });
    expect(await run('monday_change_column_values', { boardId: roadmap.id, itemId: created.id, columnValues: { status: { label: 'Done' }, name: 'Shipped by the agent' } })).toMatchObject({ name: 'Shipped by the agent', columns: { Status: 'Done' } });
    expect(await run('monday_post_update', { itemId: created.id, body: '<p>All <b>done</b>.</p>' })).toMatchObject({ text: 'All done.' });

    const sent = bed.mocks.requests.filter((r) => r.api === 'monday');
    expect(sent.length).toBeGreaterThan(5);
    for (const r of sent) expect(specs.check('monday', { method: r.method, url: r.url, body: r.body })).toMatchObject({ ok: true, problems: [] });
  });

  it("revokes at monday's own endpoint with a JSON request, which ends the grant at the authorization server", async () => {
    await bed.connect('monday', 'gone');
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'monday', identifier: 'gone' })) as { accessToken: string };
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeDefined();
    expect(await bed.ob.accounts.revoke({ connection: 'monday', identifier: 'gone' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(bed.mocks.requests.filter((r) => r.api === 'monday' && r.path.endsWith('/oauth_ms/oauth/revoke')).map((r) => r.status)).toEqual([200]);
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeUndefined();
  });

  it("reports monday's own error for a status label the column does not have", async () => {
    const board = bed.mocks.state.monday.account('alice').boards[0]!;
    const failure = await bed.ob.tools.execute({ identifier: 'mo', tool: 'monday_create_item', input: { boardId: board.id, name: 'x', columnValues: { status: { label: 'Shipped' } } } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_API_ERROR', details: { providerCode: 'ColumnValueException', providerMessage: expect.stringContaining("This status label doesn't exist") } });
  });
});
