import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Jira provider definition connected through the sandbox: its authorization server takes
 * Atlassian's authorize parameters, its gateway lists the user's site, and the tools run against
 * the site's REST API under `/ex/jira/{cloudId}` with the cloudId captured after consent.
 */
describe('Jira through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('jira', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('captured the site of the sandbox user after consent', async () => {
    const account = await bed.ob.accounts.get({ connection: 'jira', identifier: 'alice' });
    expect(account.values).toMatchObject({ cloudId: bed.mocks.state.jira.site('alice').cloudId, siteUrl: 'https://acme.atlassian.net' });
  });

  it('searches, creates, comments on and transitions an issue', async () => {
    const mine = await run<{ issues: Array<{ key: string }> }>('jira_search_issues', { jql: 'assignee = currentUser() AND statusCategory != Done' });
    expect(mine.issues.map((i) => i.key)).toEqual(expect.arrayContaining(['WEB-1', 'WEB-2', 'OPS-1']));
    const projects = await run<{ projects: Array<{ key: string }> }>('jira_list_projects', {});
    expect(projects.projects.map((p) => p.key)).toEqual(['OPS', 'WEB']);
    const created = await run<{ key: string; url: string }>('jira_create_issue', { project: 'WEB', summary: 'Broken link in footer', description: 'The Careers link 404s.', issueType: 'Bug' });
    expect(created).toMatchObject({ key: 'WEB-4', url: 'https://acme.atlassian.net/browse/WEB-4' });
    await run('jira_add_comment', { issue: created.key, text: 'Looking into it.' });
    expect(await run('jira_transition_issue', { issue: created.key, to: 'In Progress' })).toMatchObject({ status: 'In Progress' });
    const issue = await run<Record<string, unknown>>('jira_get_issue', { issue: created.key });
    expect(issue).toMatchObject({ key: 'WEB-4', status: 'In Progress', description: 'The Careers link 404s.', comments: [expect.objectContaining({ text: 'Looking into it.' })] });
  });
});
