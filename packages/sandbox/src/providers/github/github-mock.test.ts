import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

/** `<url>; rel="next", …` → { next: url, … } */
function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (m) out[m[2] as string] = m[1] as string;
  }
  return out;
}

describe('GitHub mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  it('GET /user returns the authenticated user with rate-limit headers', async () => {
    const r = await s.call('GET', '/github/user');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ login: 'alice', id: expect.any(Number), node_id: expect.any(String), type: 'User', site_admin: false, name: 'Alice Chen', email: 'alice@acme.test', public_repos: expect.any(Number) });
    expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
  });

  it('GET /user/repos returns repository objects sorted by full_name', async () => {
    const r = await s.call('GET', '/github/user/repos');
    expect(r.json.map((repo: { full_name: string }) => repo.full_name)).toEqual(['acme/platform', 'alice/awesome-agents', 'alice/dotfiles', 'alice/notes-app']);
    for (const repo of r.json) {
      expect(repo).toMatchObject({
        id: expect.any(Number), node_id: expect.any(String), name: expect.any(String), full_name: `${repo.owner.login}/${repo.name}`, private: expect.any(Boolean),
        owner: { login: expect.any(String), id: expect.any(Number) }, html_url: `https://github.com/${repo.full_name}`, fork: expect.any(Boolean),
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), pushed_at: expect.any(String), stargazers_count: expect.any(Number),
        default_branch: 'main', open_issues_count: expect.any(Number), visibility: repo.private ? 'private' : 'public',
      });
      expect(repo.description === null || typeof repo.description === 'string').toBe(true);
    }
    expect(r.headers.get('link')).toBeNull();
  });

  it('filters repos by visibility and affiliation, sorts, and refuses type with visibility', async () => {
    const priv = await s.call('GET', '/github/user/repos?visibility=private');
    expect(priv.json.map((r: { full_name: string }) => r.full_name)).toEqual(['acme/platform', 'alice/notes-app']);
    const owned = await s.call('GET', '/github/user/repos?affiliation=owner&sort=pushed');
    expect(owned.json.map((r: { full_name: string }) => r.full_name)).toEqual(['alice/notes-app', 'alice/dotfiles', 'alice/awesome-agents']);
    const conflict = await s.call('GET', '/github/user/repos?type=owner&visibility=all');
    expect(conflict.status).toBe(422);
    const badEnum = await s.call('GET', '/github/user/repos?sort=stars');
    expect(badEnum.status).toBe(422);
    expect(badEnum.json).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'sort', code: 'invalid' }] });
  });

  it('paginates with per_page, page and a Link header that points back at the mock', async () => {
    const first = await s.call('GET', '/github/user/repos?per_page=3');
    expect(first.json).toHaveLength(3);
    const links = parseLink(first.headers.get('link'));
    expect(Object.keys(links).sort()).toEqual(['last', 'next']);
    expect(links.next).toBe(`${s.origin}/github/user/repos?per_page=3&page=2`);
    const second = await fetch(links.next as string, { headers: { authorization: 'Bearer tok-alice', 'user-agent': 'test' } });
    const page2 = (await second.json()) as unknown[];
    expect(page2).toHaveLength(1);
    expect(Object.keys(parseLink(second.headers.get('link'))).sort()).toEqual(['first', 'prev']);
  });

  it('lists issues (open by default, PRs included) with labels, state and per_page filters', async () => {
    const open = await s.call('GET', '/github/repos/acme/platform/issues');
    expect(open.json.every((i: { state: string }) => i.state === 'open')).toBe(true);
    expect(open.json.map((i: { number: number }) => i.number)).toEqual([...open.json.map((i: { number: number }) => i.number)].sort((a, b) => b - a));
    for (const issue of open.json) {
      expect(issue).toMatchObject({
        id: expect.any(Number), number: expect.any(Number), title: expect.any(String), state: 'open', user: { login: expect.any(String) },
        labels: expect.any(Array), comments: expect.any(Number), created_at: expect.any(String), updated_at: expect.any(String),
        html_url: `https://github.com/acme/platform/issues/${issue.number}`,
      });
      for (const label of issue.labels) expect(label).toMatchObject({ id: expect.any(Number), name: expect.any(String), color: expect.stringMatching(/^[0-9a-f]{6}$/) });
    }
    const all = await s.call('GET', '/github/repos/acme/platform/issues?state=all&per_page=100');
    const pr = all.json.find((i: { pull_request?: unknown }) => i.pull_request);
    expect(pr.pull_request).toMatchObject({ url: expect.stringContaining('/pulls/'), merged_at: expect.any(String) });
    expect(pr.html_url).toContain('/pull/');
    const bugs = await s.call('GET', '/github/repos/acme/platform/issues?labels=bug,incident');
    expect(bugs.json.map((i: { title: string }) => i.title)).toEqual(['Gateway timeout too low after config refactor']);
    const paged = await s.call('GET', '/github/repos/acme/platform/issues?state=all&per_page=2&direction=asc&sort=created');
    expect(paged.json.map((i: { number: number }) => i.number)).toEqual([465, 466]);
    expect(parseLink(paged.headers.get('link')).next).toContain('page=2');
  });

  it('404s unknown repos and 410s a repo with issues disabled', async () => {
    const missing = await s.call('GET', '/github/repos/acme/nope/issues');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com'), status: '404' });
    expect((await s.call('GET', '/github/repos/alice/awesome-agents/issues')).status).toBe(410);
  });

  it('creates an issue with labels and assignees and answers 201 with Location', async () => {
    const r = await s.call('POST', '/github/repos/alice/notes-app/issues', { body: { title: 'Agent-filed bug', body: 'Found while testing', labels: ['bug', 'from-agent'], assignees: ['alice', 'stranger'] } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`https://api.github.com/repos/alice/notes-app/issues/${r.json.number}`);
    expect(r.json).toMatchObject({ number: 5, title: 'Agent-filed bug', body: 'Found while testing', state: 'open', user: { login: 'alice' }, comments: 0 });
    expect(r.json.labels.map((l: { name: string }) => l.name)).toEqual(['bug', 'from-agent']);
    expect(r.json.assignees.map((a: { login: string }) => a.login)).toEqual(['alice']);
    expect(s.mock.state.github.createdIssues.at(-1)).toMatchObject({ sub: 'alice', owner: 'alice', repo: 'notes-app', issue: { number: 5 } });
    const listed = await s.call('GET', '/github/repos/alice/notes-app/issues?labels=from-agent');
    expect(listed.json.map((i: { number: number }) => i.number)).toEqual([5]);
  });

  it('answers 422 Validation Failed without a title', async () => {
    const r = await s.call('POST', '/github/repos/alice/notes-app/issues', { body: { body: 'no title' } });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }], status: '422' });
  });

  it('answers 401 for missing or bad credentials, and 403 without a User-Agent', async () => {
    const missing = await s.call('GET', '/github/user/repos', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json.message).toBe('Requires authentication');
    const bad = await s.call('GET', '/github/user', { token: 'gho_wrong' });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const anonymous = await fetch(`${s.origin}/github/user`, { headers: { authorization: 'Bearer tok-alice', 'user-agent': '' } });
    expect(anonymous.status).toBe(403);
  });

  it('accepts the legacy `token` authorization scheme', async () => {
    const r = await fetch(`${s.origin}/github/user`, { headers: { authorization: 'token tok-alice', 'user-agent': 'test' } });
    expect(r.status).toBe(200);
  });
});
