import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real GitLab definition through the sandbox: consent with PKCE, then the tools against its API v4. */
describe('GitLab through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('gitlab', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('lists projects and issues, creates and comments on an issue, reads a file', async () => {
    const { projects } = await run<{ projects: Array<{ path: string }> }>('gitlab_list_projects', {});
    const website = projects[0]!.path;
    expect(projects.map((p) => p.path)).toEqual([website, expect.stringMatching(/\/platform\/api$/)]);
    const mine = await run<{ issues: Array<{ title: string }> }>('gitlab_list_issues', {});
    expect(mine.issues.map((i) => i.title)).toEqual(['Checkout fails on Safari', 'Rotate staging credentials']);
    const created = await run<{ iid: number }>('gitlab_create_issue', { project: website, title: 'Broken footer link', labels: ['bug'] });
    expect(created.iid).toBe(3);
    expect(await run('gitlab_add_comment', { project: website, on: 'issue', iid: created.iid, body: 'On it.' })).toMatchObject({ body: 'On it.' });
    const bugs = await run<{ issues: Array<{ iid: number; comments: number }> }>('gitlab_list_issues', { project: website, labels: ['bug'] });
    expect(bugs.issues.find((i) => i.iid === 3)).toMatchObject({ comments: 1 });
    expect(await run('gitlab_get_file', { project: website, filePath: 'src/config/app.yml' })).toMatchObject({ ref: 'main', text: 'name: website\nport: 8080\n' });
    const mrs = await run<{ mergeRequests: Array<{ from: string }> }>('gitlab_list_merge_requests', { project: website });
    expect(mrs.mergeRequests).toEqual([expect.objectContaining({ from: 'fix-safari', into: 'main' })]);
  });
});
