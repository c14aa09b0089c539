import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';

/**
 * The real Notion definition connected through the sandbox (JSON token requests with raw Basic
 * client auth, rotating refresh tokens, revocation as Notion's JSON request), then an agent's
 * errand: find the task list, read a page, add notes and a comment, query the open tasks.
 */
describe('Notion through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('notion', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('connected with a JSON token request and Notion\'s token answer, and refreshes with the rotated refresh token', async () => {
    // Notion's answer has no expires_in: the token is used until the API refuses it; the install is named by its ids.
    expect(await bed.ob.accounts.get({ connection: 'notion', identifier: 'alice' })).toMatchObject({
      status: 'ACTIVE', expiresAt: null, values: { botId: expect.stringMatching(/^[0-9a-f-]{36}$/), workspaceId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    const before = (await bed.ob.accounts.getCredentials({ connection: 'notion', identifier: 'alice' })) as { refreshToken: string };
    expect(before.refreshToken).toEqual(expect.any(String));
    await bed.ob.accounts.refresh({ connection: 'notion', identifier: 'alice' });
    const after = (await bed.ob.accounts.getCredentials({ connection: 'notion', identifier: 'alice' })) as { refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-notion').map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true], ['refresh_token', true]]);
  });

  it('reads a page as text, appends to it, comments, and queries the task database', async () => {
    const pages = await run<{ results: Array<{ id: string; title: string }> }>('notion_search', { query: 'Q3 Roadmap', filter: 'page' });
    const roadmap = pages.results[0]!;
    const page = await run<{ title: string; text: string }>('notion_get_page_text', { page_id: roadmap.id });
    expect(page).toMatchObject({ title: 'Q3 Roadmap', text: expect.stringContaining('Platform migration to Postgres 16') });

    const added = await run<{ added: number }>('notion_append_blocks', { page_id: roadmap.id, content: '## Agent notes\n- ship the data source model\n[ ] review on Friday' });
    expect(added.added).toBe(3);
    const reread = await run<{ text: string }>('notion_get_page_text', { page_id: roadmap.id });
    expect(reread.text.split('\n').slice(-3)).toEqual(['## Agent notes', '- ship the data source model', '- [ ] review on Friday']);

    const comment = await run<{ id: string; discussionId: string }>('notion_add_comment', { page_id: roadmap.id, text: 'Notes added by the agent.' });
    expect(bed.mocks.state.notion.comments.at(-1)).toMatchObject({ sub: 'alice', pageId: roadmap.id, discussionId: comment.discussionId, text: 'Notes added by the agent.' });

    const databases = await run<{ results: Array<{ id: string }> }>('notion_search', { filter: 'database' });
    const open = await run<{ rows: Array<{ title: string; properties: Record<string, unknown> }> }>('notion_query_database', {
      database_id: databases.results[0]!.id,
      filter: { property: 'Status', select: { does_not_equal: 'Done' } },
      sorts: [{ property: 'Due', direction: 'ascending' }],
    });
    expect(open.rows.map((r) => r.title).sort()).toEqual(['Fix login redirect bug', 'Write launch blog post']);
    for (const request of bed.mocks.requests.filter((r) => r.api === 'notion')) expect(request.path.startsWith('/notion/v1/')).toBe(true);
    expect(NOTION_API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('revokes at the sandbox with Notion\'s JSON request', async () => {
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'notion', identifier: 'alice' })) as { accessToken: string };
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeDefined();
    expect(await bed.ob.accounts.revoke({ connection: 'notion', identifier: 'alice' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeUndefined();
  });
});
