import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL } from '../../../test/support/oauth-testbed.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real GitHub provider definition connected through the sandbox (its token endpoint takes the
 * secret in the body and its answers go through GitHub's normalizer), then an agent's day there:
 * read a file, open a pull request, comment on it, find it again by search.
 */
describe('GitHub through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('github', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('connected with the secret in the token request body', async () => {
    const world = bed.mocks.state.github.world('alice');
    expect(await bed.ob.accounts.get({ connection: 'github', identifier: 'alice' })).toMatchObject({ status: 'ACTIVE', values: { login: world.viewer.login, userId: String(world.viewer.id) } });
    expect(bed.sandbox.tokenRequests.filter((r) => r.grantType === 'authorization_code' && r.clientId === 'sandbox-github').at(-1)).toMatchObject({ ok: true });
  });

  it('reads a nested file, opens a pull request, comments on it and finds it by search', async () => {
    const file = await run<{ content: string; path: string }>('github_get_file_contents', { owner: 'acme', repo: 'platform', path: 'gateway/config.go' });
    expect(file).toMatchObject({ path: 'gateway/config.go', content: expect.stringContaining('const Timeout = 5 * time.Second') });
    const hits = await run<{ items: Array<{ path: string }> }>('github_search_code', { q: 'Timeout repo:acme/platform' });
    expect(hits.items.map((i) => i.path)).toContain('gateway/config.go');

    const pr = await run<{ number: number; url: string; draft?: boolean }>('github_create_pull_request', { owner: 'acme', repo: 'platform', title: 'Raise the gateway timeout to 30s', head: 'fix/gateway-timeout', base: 'main', draft: true });
    expect(pr).toMatchObject({ draft: true, url: `https://github.com/acme/platform/pull/${pr.number}` });
    const comment = await run<{ url: string }>('github_comment_on_issue', { owner: 'acme', repo: 'platform', issue_number: pr.number, body: 'CI is green.' });
    expect(comment.url).toContain(`/pull/${pr.number}#issuecomment-`);
    const open = await run<Array<{ number: number; head: string }>>('github_list_pull_requests', { owner: 'acme', repo: 'platform', head: 'acme:fix/gateway-timeout' });
    expect(open).toEqual([expect.objectContaining({ number: pr.number, head: 'fix/gateway-timeout' })]);
    const found = await run<{ items: Array<{ number: number; pullRequest?: boolean }> }>('github_search_issues', { q: 'repo:acme/platform is:pr is:open gateway timeout' });
    expect(found.items).toContainEqual(expect.objectContaining({ number: pr.number, pullRequest: true }));
    expect(bed.mocks.state.github.createdComments.at(-1)).toMatchObject({ owner: 'acme', repo: 'platform', issueNumber: pr.number });
  });

  it('revokes the grant at the sandbox with DELETE /applications/{client_id}/grant and the app\'s own credentials', async () => {
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'github', identifier: 'alice' })) as { accessToken: string };
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeDefined();
    const seen = bed.mocks.requests.length;
    expect(await bed.ob.accounts.revoke({ connection: 'github', identifier: 'alice' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(bed.mocks.requests.slice(seen).map((r) => [r.method, r.path, r.status])).toEqual([['DELETE', '/github/applications/sandbox-github/grant', 204]]);
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeUndefined();
  });

  it('refuses a grant revocation with the wrong app secret (404) or another app\'s token (422), as GitHub does', async () => {
    const other = bed.ps.connection('github', { baseUrl: BASE_URL, name: 'github_other', scopes: ['repo'] });
    await bed.ob.connections.upsert(other);
    await bed.connect('github_other', 'bob', 'bob');
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'github_other', identifier: 'bob' })) as { accessToken: string };
    const revoke = (clientId: string, secret: string, token: string) => fetch(`${other.endpoints.apiBaseUrl}/applications/${clientId}/grant`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/json', 'user-agent': 'test' },
      body: JSON.stringify({ access_token: token }),
    });
    expect((await revoke(other.clientId, 'wrong-secret', accessToken)).status).toBe(404);
    const foreign = await revoke(other.clientId, other.clientSecret, 'not-a-token-of-this-app');
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'access_token', code: 'invalid' }] });
    expect(await bed.sandbox.verifyAccessToken(accessToken)).toBeDefined();
  });
});
