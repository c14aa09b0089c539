import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real Bitbucket definition through the sandbox: its `scopes` token answer, the workspace kept after consent, the tools. */
describe('Bitbucket through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('bitbucket', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('lists repositories of the workspace it kept, opens and comments on a pull request, reads a nested file', async () => {
    const account = await bed.ob.accounts.get({ connection: 'bitbucket', identifier: 'alice' });
    expect(account.values.workspace).toBe(bed.mocks.state.bitbucket.workspace('alice').slug);
    const { repositories } = await run<{ repositories: Array<{ slug: string }> }>('bitbucket_list_repositories', {});
    expect(repositories.map((r) => r.slug)).toEqual(['website', 'infra']);
    const opened = await run<{ id: number; into: string }>('bitbucket_create_pull_request', { repo: 'website', title: 'Dark mode', source: 'dark-mode' });
    expect(opened).toMatchObject({ id: 2, into: 'main' });
    await run('bitbucket_comment_on_pull_request', { repo: 'website', pullRequest: opened.id, text: 'Ready for review.' });
    const open = await run<{ pullRequests: Array<{ id: number; comments: number }> }>('bitbucket_list_pull_requests', { repo: 'website' });
    expect(open.pullRequests.find((p) => p.id === 2)).toMatchObject({ comments: 1 });
    expect(await run('bitbucket_get_file', { repo: 'website', filePath: 'src/app.py', ref: 'main' })).toEqual({ path: 'src/app.py', ref: 'main', text: 'print("hello")\n' });
  });
});
