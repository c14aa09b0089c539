import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('..', import.meta.url)) });

/**
 * The real Linear definition through the sandbox: comma-separated scopes accepted by its
 * authorization server, the workspace read after consent from its Linear mock (a graphql-js
 * server over a subset of Linear's schema), and every tool run there; each document the tools
 * sent is valid against Linear's published schema.
 */
describe('Linear through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'lin', tool, input })).data as T;

  it('connects with comma scopes, keeps the workspace, and runs every tool on the mock', async () => {
    await bed.connect('linear', 'lin');
    const workspace = bed.mocks.state.linear.workspace('alice');
    expect((await bed.ob.accounts.get({ connection: 'linear', identifier: 'lin' })).values).toEqual({ organizationId: workspace.organization.id, organizationUrlKey: 'acme', viewerId: workspace.viewer.id });

    const { teams } = await run<{ teams: Array<{ id: string; key: string }> }>('linear_list_teams', {});
    expect(teams.map((t) => t.key)).toEqual(['ENG', 'OPS']);
    const open = await run<{ issues: Array<{ identifier: string; state: string }> }>('linear_list_my_issues', {});
    expect(open.issues.map((i) => i.identifier)).toEqual(['ENG-1', 'OPS-1', 'ENG-2']);
    const all = await run<{ issues: unknown[]; nextCursor?: string }>('linear_list_my_issues', { includeClosed: true, first: 3 });
    expect(all.nextCursor).toEqual(expect.any(String));
    expect((await run<{ issues: unknown[] }>('linear_list_my_issues', { includeClosed: true, after: all.nextCursor })).issues).toHaveLength(1);
    expect((await run<{ issues: Array<{ identifier: string }> }>('linear_search_issues', { query: 'login redirect' })).issues.map((i) => i.identifier)).toEqual(['ENG-1']);

    const created = await run<{ identifier: string; state: string }>('linear_create_issue', { teamId: teams[0]!.id, title: 'Agent-filed bug', description: 'Found by the agent', priority: 2 });
    expect(created).toMatchObject({ identifier: 'ENG-5', state: 'Todo', priority: 'High' });
    expect(await run('linear_update_issue_state', { issue: created.identifier, state: 'in progress' })).toMatchObject({ identifier: 'ENG-5', state: 'In Progress', stateType: 'started' });
    expect(await run('linear_comment_on_issue', { issue: created.identifier, body: 'Picked up.' })).toMatchObject({ body: 'Picked up.' });
    expect(workspace.issues.find((i) => i.title === 'Agent-filed bug')!.comments.map((c) => c.body)).toEqual(['Picked up.']);

    const sent = bed.mocks.requests.filter((r) => r.api === 'linear');
    expect(sent.length).toBeGreaterThan(8);
    for (const r of sent) expect(specs.check('linear', { method: r.method, url: r.url, body: r.body })).toMatchObject({ ok: true, problems: [] });
  });

  it("answers a bad document as Linear does, and the tool reports Linear's message", async () => {
    const failure = await bed.ob.tools.execute({ identifier: 'lin', tool: 'linear_comment_on_issue', input: { issue: 'ENG-999', body: 'x' } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_API_ERROR', details: { providerCode: 'ENTITY_NOT_FOUND', providerMessage: 'Could not find referenced Issue.' } });
  });
});
