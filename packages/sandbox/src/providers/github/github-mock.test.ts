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

  it('reads a file as base64 in 60-character lines with its blob sha, lists a directory, 404s a missing path or ref', async () => {
    const file = await s.call('GET', '/github/repos/acme/platform/contents/gateway/config.go');
    expect(file.status).toBe(200);
    expect(file.json).toMatchObject({ type: 'file', encoding: 'base64', name: 'config.go', path: 'gateway/config.go', sha: expect.stringMatching(/^[0-9a-f]{40}$/), html_url: 'https://github.com/acme/platform/blob/main/gateway/config.go' });
    expect(file.json.content.split('\n').every((line: string) => line.length <= 60)).toBe(true);
    expect(Buffer.from(file.json.content, 'base64').toString('utf8')).toContain('const Timeout = 5 * time.Second');
    expect(file.json.size).toBe(Buffer.from(file.json.content, 'base64').length);
    const dir = await s.call('GET', '/github/repos/acme/platform/contents/docs');
    expect(dir.json.map((e: { path: string; type: string }) => [e.path, e.type])).toEqual([['docs/runbook.md', 'file']]);
    const root = await s.call('GET', '/github/repos/acme/platform/contents/');
    expect(root.json.filter((e: { type: string }) => e.type === 'dir').map((e: { name: string }) => e.name)).toEqual(['billing', 'docs', 'gateway']);
    expect((await s.call('GET', '/github/repos/acme/platform/contents/nope.txt')).status).toBe(404);
    expect((await s.call('GET', '/github/repos/acme/platform/contents/README.md?ref=feature-x')).status).toBe(404);
    expect((await s.call('GET', '/github/repos/acme/platform/contents/README.md?ref=main')).status).toBe(200);
  });

  it('lists pull requests (open, newest first) with head and base, filters by state, head and base', async () => {
    const open = await s.call('GET', '/github/repos/alice/notes-app/pulls');
    expect(open.json.map((p: { number: number }) => p.number)).toEqual([4]);
    expect(open.json[0]).toMatchObject({ number: 4, state: 'open', draft: false, title: 'Fix emoji titles in sync', head: { ref: 'fix/emoji-titles', label: 'alice:fix/emoji-titles' }, base: { ref: 'main' }, html_url: 'https://github.com/alice/notes-app/pull/4', merged_at: null });
    const closed = await s.call('GET', '/github/repos/acme/platform/pulls?state=closed');
    expect(closed.json.map((p: { head: { ref: string }; merged_at: string | null }) => [p.head.ref, p.merged_at !== null])).toEqual([['revert-gateway-timeout', true]]);
    expect((await s.call('GET', '/github/repos/alice/notes-app/pulls?head=alice:fix/emoji-titles')).json).toHaveLength(1);
    expect((await s.call('GET', '/github/repos/alice/notes-app/pulls?base=develop')).json).toHaveLength(0);
    expect((await s.call('GET', '/github/repos/alice/notes-app/pulls?sort=stars')).status).toBe(422);
  });

  it('creates a pull request (201, numbered with the issues) and refuses a duplicate or a missing head', async () => {
    const created = await s.call('POST', '/github/repos/alice/notes-app/pulls', { body: { title: 'Export to PDF', head: 'feat/pdf', base: 'main', body: 'Closes #3', draft: true } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ number: 6, state: 'open', draft: true, title: 'Export to PDF', body: 'Closes #3', head: { ref: 'feat/pdf' }, base: { ref: 'main' }, merged: false, user: { login: 'alice' } });
    expect(created.headers.get('location')).toBe('https://api.github.com/repos/alice/notes-app/pulls/6');
    const again = await s.call('POST', '/github/repos/alice/notes-app/pulls', { body: { title: 'Again', head: 'feat/pdf', base: 'main' } });
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({ message: 'Validation Failed', errors: [{ code: 'custom', message: 'A pull request already exists for alice:feat/pdf.' }] });
    expect((await s.call('POST', '/github/repos/alice/notes-app/pulls', { body: { title: 'x', base: 'main' } })).json).toMatchObject({ errors: [{ code: 'missing_field', field: 'head' }] });
    expect(s.mock.state.github.createdPulls.at(-1)).toMatchObject({ owner: 'alice', repo: 'notes-app', pull: { number: 6 } });
  });

  it('comments on an issue or a pull request and counts it', async () => {
    const before = (await s.call('GET', '/github/repos/acme/platform/issues?state=all&per_page=100')).json.find((i: { number: number }) => i.number === 468);
    const r = await s.call('POST', '/github/repos/acme/platform/issues/468/comments', { body: { body: 'Looking into it.' } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ id: expect.any(Number), body: 'Looking into it.', user: { login: 'alice' }, html_url: expect.stringMatching(/^https:\/\/github\.com\/acme\/platform\/issues\/468#issuecomment-\d+$/) });
    const after = (await s.call('GET', '/github/repos/acme/platform/issues?state=all&per_page=100')).json.find((i: { number: number }) => i.number === 468);
    expect(after.comments).toBe(before.comments + 1);
    expect((await s.call('POST', '/github/repos/acme/platform/issues/9999/comments', { body: { body: 'x' } })).status).toBe(404);
    expect((await s.call('POST', '/github/repos/acme/platform/issues/468/comments', { body: {} })).status).toBe(422);
  });

  it('searches issues and pull requests with keywords and qualifiers', async () => {
    const bugs = await s.call('GET', '/github/search/issues?q=' + encodeURIComponent('org:acme is:open label:bug gateway'));
    expect(bugs.json).toMatchObject({ total_count: 1, incomplete_results: false, items: [{ title: 'Gateway timeout too low after config refactor', repository_url: 'https://api.github.com/repos/acme/platform', score: 1 }] });
    const prs = await s.call('GET', '/github/search/issues?q=' + encodeURIComponent('is:pr author:@me'));
    // The one seeded, and the one the create test above opened.
    expect(prs.json.items.map((i: { title: string }) => i.title).sort()).toEqual(['Export to PDF', 'Fix emoji titles in sync']);
    expect((await s.call('GET', '/github/search/issues')).status).toBe(422);
  });

  it('searches code in the seeded files, with fragments under the text-match media type', async () => {
    const r = await fetch(`${s.origin}/github/search/code?q=${encodeURIComponent('createClient repo:alice/notes-app')}`, { headers: { authorization: 'Bearer tok-alice', 'user-agent': 'test', accept: 'application/vnd.github.text-match+json' } });
    const body = (await r.json()) as { total_count: number; items: Array<{ path: string; repository: { full_name: string }; text_matches: Array<{ fragment: string }> }> };
    expect(body.total_count).toBe(2);
    expect(body.items.map((i) => i.path).sort()).toEqual(['src/index.ts', 'src/sync.ts']);
    expect(body.items[0]!.repository.full_name).toBe('alice/notes-app');
    expect(body.items.every((i) => i.text_matches[0]!.fragment.includes('createClient'))).toBe(true);
    const plain = await s.call('GET', '/github/search/code?q=' + encodeURIComponent('TODO org:acme'));
    expect(plain.json.items.map((i: { path: string; text_matches?: unknown }) => [i.path, i.text_matches])).toEqual([['billing/migrate.go', undefined]]);
    expect((await s.call('GET', '/github/search/code?q=repo:acme/platform')).status).toBe(422);
  });
});
