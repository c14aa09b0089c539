import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL } from '../../../test/support/oauth-testbed.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Figma provider definition connected through the sandbox (comma-separated scopes on the
 * authorize URL, HTTP Basic at the token endpoint), its token refreshed there, then the tools
 * against the sandbox's Figma mock: from the team to a file's frames to a pinned comment.
 */
describe('Figma through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('figma', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('connected with its comma-separated scopes, and refreshes keeping a working token', async () => {
    expect(await bed.ob.accounts.get({ connection: 'figma', identifier: 'alice' })).toMatchObject({ status: 'ACTIVE', scopes: expect.arrayContaining(['file_content:read', 'file_comments:write']), values: { userId: bed.mocks.state.figma.world('alice').me.id } });
    await bed.ob.accounts.refresh({ connection: 'figma', identifier: 'alice' });
    expect(bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-figma').map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true], ['refresh_token', true]]);
    expect((await bed.ob.fetch({ connection: 'figma', identifier: 'alice' }, '/v1/me')).status).toBe(200);
  });

  it('walks from the team to a file\'s frames and pins a comment on one', async () => {
    const teamId = bed.mocks.state.figma.world('alice').team.id;
    const { projects } = await run<{ projects: Array<{ id: string; name: string }> }>('figma_list_team_projects', { team_id: teamId });
    const web = projects.find((p) => p.name === 'Web')!;
    const { files } = await run<{ files: Array<{ key: string; name: string }> }>('figma_list_project_files', { project_id: web.id });
    const checkout = files.find((f) => f.name === 'Checkout redesign')!;
    const file = await run<{ pages: Array<{ name: string; children?: Array<{ id: string; name: string }> }> }>('figma_get_file', { file_key: checkout.key });
    const payment = file.pages.find((p) => p.name === 'Checkout')!.children!.find((f) => f.name === 'Payment')!;
    const posted = await run<{ id: string; nodeId: string }>('figma_post_comment', { file_key: checkout.key, message: 'Spacing looks off here', node_id: payment.id });
    expect(posted.nodeId).toBe(payment.id);
    const { comments } = await run<{ comments: Array<{ id: string; message: string }> }>('figma_list_comments', { file_key: checkout.key, unresolvedOnly: true });
    expect(comments[0]).toMatchObject({ id: posted.id, message: 'Spacing looks off here' });
  });

  it('refreshes at the sandbox\'s Figma refresh endpoint (endpoints.refreshUrl): Basic auth, no refresh token in the answer, the old one kept and reused', async () => {
    const config = bed.ps.connection('figma', { baseUrl: BASE_URL, name: 'figma_split', scopes: ['file_content:read'] });
    const refreshUrl = `${bed.sandbox.url}/figma/v1/oauth/refresh`;
    await bed.ob.connections.upsert({ ...config, endpoints: { ...config.endpoints, refreshUrl } });
    await bed.connect('figma_split', 'alice');
    // Figma does not rotate refresh tokens; the sandbox then answers exactly as Figma does.
    bed.sandbox.setTokenPolicy({ rotateRefreshTokens: false });
    try {
      const before = (await bed.ob.accounts.getCredentials({ connection: 'figma_split', identifier: 'alice' })) as { accessToken: string; refreshToken: string };
      const seen = bed.mocks.requests.length;
      await bed.ob.accounts.refresh({ connection: 'figma_split', identifier: 'alice' });
      expect(bed.mocks.requests.slice(seen).map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/figma/v1/oauth/refresh', 200]]);
      const after = (await bed.ob.accounts.getCredentials({ connection: 'figma_split', identifier: 'alice' })) as { accessToken: string; refreshToken: string };
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.refreshToken).toBe(before.refreshToken);
      await bed.ob.accounts.refresh({ connection: 'figma_split', identifier: 'alice' });
      expect((await bed.ob.fetch({ connection: 'figma_split', identifier: 'alice' }, '/v1/me')).status).toBe(200);
      expect(bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-figma_split').map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true], ['refresh_token', true], ['refresh_token', true]]);
    } finally {
      bed.sandbox.setTokenPolicy({ rotateRefreshTokens: true });
    }
  });
});
