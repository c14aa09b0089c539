import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('..', import.meta.url)) });

/**
 * The real Asana definition through the sandbox: consent with PKCE, the user's gid read from
 * `GET /users/me` (the sandbox's token answers carry no `data` object), and every tool run on the
 * Asana mock; each request they sent is checked against asana-oas.yaml.
 */
describe('Asana through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'as', tool, input })).data as T;

  it('connects, keeps the user gid, and runs every tool on the mock', async () => {
    await bed.connect('asana', 'as');
    const world = bed.mocks.state.asana.world('alice');
    expect((await bed.ob.accounts.get({ connection: 'asana', identifier: 'as' })).values).toEqual({ userGid: world.me.gid });

    const { workspaces } = await run<{ workspaces: Array<{ gid: string; name: string }> }>('asana_list_workspaces', {});
    expect(workspaces.map((w) => w.name)).toEqual(['Acme Inc', 'Personal Projects']);
    const org = workspaces[0]!.gid;
    const { projects } = await run<{ projects: Array<{ gid: string; name: string; team?: string }> }>('asana_list_projects', { workspace: org });
    expect(projects.map((p) => [p.name, p.team])).toEqual([['Website relaunch', 'Marketing'], ['Q1 hiring', 'People']]);
    const mine = await run<{ tasks: Array<{ gid: string; name: string }> }>('asana_list_my_tasks', { workspace: org });
    expect(mine.tasks.map((t) => t.name)).toEqual(['Draft launch blog post', 'Review pricing page copy', 'Book venue for the launch party']);
    const page = await run<{ tasks: unknown[]; nextOffset?: string }>('asana_list_my_tasks', { workspace: org, limit: 2 });
    expect((await run<{ tasks: unknown[] }>('asana_list_my_tasks', { workspace: org, offset: page.nextOffset })).tasks).toHaveLength(1);

    const created = await run<{ gid: string; projects: string[]; assignee: string }>('asana_create_task', { name: 'Agent task', projects: [projects[0]!.gid], assignee: 'me', due_on: '2030-03-01', notes: 'Filed by the agent' });
    expect(created).toMatchObject({ projects: ['Website relaunch'], assignee: world.people[0]!.name, due: '2030-03-01' });
    expect(await run('asana_update_task', { task: created.gid, completed: true })).toMatchObject({ gid: created.gid, completed: true });
    expect((await run<{ tasks: Array<{ gid: string }> }>('asana_list_my_tasks', { workspace: org })).tasks.map((t) => t.gid)).not.toContain(created.gid);
    expect(await run('asana_comment_on_task', { task: created.gid, text: 'Done and dusted.' })).toMatchObject({ author: world.people[0]!.name, text: 'Done and dusted.' });

    const sent = bed.mocks.requests.filter((r) => r.api === 'asana');
    expect(sent.length).toBeGreaterThan(8);
    for (const r of sent) expect(specs.check('asana', { method: r.method, url: r.url, body: r.body })).toMatchObject({ ok: true, problems: [] });
  });

  it("revokes with an RFC 7009 request (the form Asana's /-/oauth_revoke takes), which ends the grant at the authorization server", async () => {
    await bed.connect('asana', 'gone');
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'asana', identifier: 'gone' })) as { accessToken: string };
    expect(await bed.ob.accounts.revoke({ connection: 'asana', identifier: 'gone' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeUndefined();
  });

  it("reports Asana's message for a task that does not exist", async () => {
    const failure = await bed.ob.tools.execute({ identifier: 'as', tool: 'asana_update_task', input: { task: '1', completed: true } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 404, providerMessage: 'task: Unknown object: 1' } });
  });
});
