import { authenticate, bearerToken, createRouter, intParam, isRecord, mockUser, seedTime, type MockProvider, type MockProviderContext, type MockResponse, type MockUser } from '../../mock-api/index.ts';

interface Note { id: number; body: string; author: string; created_at: string }
interface Item { iid: number; title: string; description: string; state: 'opened' | 'closed' | 'merged'; labels: string[]; author: string; assignees: string[]; created_at: string; updated_at: string; notes: Note[]; source_branch?: string; target_branch?: string }
interface Project { id: number; path: string; description: string; default_branch: string; last_activity_at: string; issues: Item[]; mergeRequests: Item[]; files: Record<string, string> }

export interface GitlabMockState {
  projects(sub: string): Project[];
}

const gitlabError = (status: number, message: string): MockResponse => ({ status, body: { message } });

/** GitLab API v4 for one user: a couple of projects with issues, merge requests, notes and files. */
export function createGitlabMock(context: MockProviderContext): MockProvider<GitlabMockState> {
  const byUser = new Map<string, { user: MockUser; projects: Project[] }>();
  let nextNote = 500;
  const load = (sub: string) => {
    let found = byUser.get(sub);
    if (!found) {
      const user = mockUser(context.seed, sub);
      const base = seedTime(context).getTime();
      const at = (hours: number) => new Date(base - hours * 3_600_000).toISOString();
      const org = user.company.org;
      const item = (iid: number, title: string, labels: string[], assignees: string[], hours: number, extra: Partial<Item> = {}): Item => ({ iid, title, description: `${title}.`, state: 'opened', labels, author: user.colleagues[0]!.login, assignees, created_at: at(hours + 24), updated_at: at(hours), notes: [], ...extra });
      found = {
        user,
        projects: [
          { id: 11, path: `${org}/website`, description: 'The public website', default_branch: 'main', last_activity_at: at(1), files: { 'README.md': '# Website\n\nRun `npm start`.\n', 'src/config/app.yml': 'name: website\nport: 8080\n' },
            issues: [item(1, 'Checkout fails on Safari', ['bug'], [user.login], 2), item(2, 'Add dark mode', ['feature'], [], 30)],
            mergeRequests: [item(1, 'Fix Safari checkout', [], [user.login], 1, { source_branch: 'fix-safari', target_branch: 'main' })] },
          { id: 12, path: `${org}/platform/api`, description: 'Internal API', default_branch: 'main', last_activity_at: at(6), files: { 'README.md': '# API\n' },
            issues: [item(1, 'Rotate staging credentials', ['ops'], [user.login], 5)], mergeRequests: [] },
        ],
      };
      byUser.set(sub, found);
    }
    return found;
  };
  const userRef = (login: string, user: MockUser) => {
    const person = [user, ...user.colleagues].find((p) => p.login === login);
    return { id: login.length, username: login, name: person?.name ?? login, state: 'active', web_url: `https://gitlab.com/${login}` };
  };
  const web = (p: Project) => `https://gitlab.com/${p.path}`;
  const findProject = (projects: Project[], id: string) => projects.find((p) => String(p.id) === id || p.path === id);
  const present = (p: Project, i: Item, kind: 'issues' | 'merge_requests', user: MockUser) => ({
    id: p.id * 1000 + i.iid, iid: i.iid, project_id: p.id, title: i.title, description: i.description, state: i.state, labels: i.labels,
    author: userRef(i.author, user), assignees: i.assignees.map((a) => userRef(a, user)), created_at: i.created_at, updated_at: i.updated_at, user_notes_count: i.notes.length,
    web_url: `${web(p)}/-/${kind}/${i.iid}`, ...(i.source_branch ? { source_branch: i.source_branch, target_branch: i.target_branch, draft: false, detailed_merge_status: 'mergeable' } : {}),
  });
  const router = createRouter<{ user: MockUser; projects: Project[] }>();
  const list = (items: Array<[Project, Item]>, query: URLSearchParams, kind: 'issues' | 'merge_requests', user: MockUser) => {
    const state = query.get('state') ?? 'all';
    const labels = query.get('labels')?.split(',').filter(Boolean) ?? [];
    const search = query.get('search')?.toLowerCase();
    return items
      .filter(([, i]) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)) && (!search || `${i.title} ${i.description}`.toLowerCase().includes(search)))
      .sort(([, a], [, b]) => b.updated_at.localeCompare(a.updated_at))
      .slice(0, intParam(query.get('per_page'), 20, 1, 100))
      .map(([p, i]) => present(p, i, kind, user));
  };

  router.add('GET', '/user', (_r, _p, { user }) => ({ status: 200, body: { ...userRef(user.login, user), email: user.email } }));
  router.add('GET', '/projects', (request, _p, { projects }) => {
    const search = request.query.get('search')?.toLowerCase();
    const found = projects.filter((p) => !search || p.path.toLowerCase().includes(search)).sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at)).slice(0, intParam(request.query.get('per_page'), 20, 1, 100));
    return { status: 200, body: found.map((p) => ({ id: p.id, description: p.description, name: p.path.split('/').at(-1), path: p.path.split('/').at(-1), path_with_namespace: p.path, default_branch: p.default_branch, web_url: web(p), last_activity_at: p.last_activity_at, visibility: 'private' })) };
  });
  router.add('GET', '/issues', (request, _p, { projects, user }) => {
    const mine = projects.flatMap((p) => p.issues.filter((i) => request.query.get('scope') !== 'assigned_to_me' || i.assignees.includes(user.login)).map((i) => [p, i] as [Project, Item]));
    return { status: 200, body: list(mine, request.query, 'issues', user) };
  });
  router.add('GET', '/merge_requests', (request, _p, { projects, user }) => {
    const scope = request.query.get('scope') ?? 'created_by_me';
    const mine = projects.flatMap((p) => p.mergeRequests.filter((m) => (scope === 'assigned_to_me' ? m.assignees.includes(user.login) : m.author === user.login)).map((m) => [p, m] as [Project, Item]));
    return { status: 200, body: list(mine, request.query, 'merge_requests', user) };
  });
  for (const kind of ['issues', 'merge_requests'] as const) {
    const itemsOf = (p: Project) => (kind === 'issues' ? p.issues : p.mergeRequests);
    router.add('GET', `/projects/:id/${kind}`, (request, { id }, { projects, user }) => {
      const p = findProject(projects, id!);
      return p ? { status: 200, body: list(itemsOf(p).map((i) => [p, i] as [Project, Item]), request.query, kind, user) } : gitlabError(404, '404 Project Not Found');
    });
    router.add('POST', `/projects/:id/${kind}/:iid/notes`, (request, { id, iid }, { projects, user }) => {
      const p = findProject(projects, id!);
      const item = p && itemsOf(p).find((i) => String(i.iid) === iid);
      if (!p || !item) return gitlabError(404, `404 ${kind === 'issues' ? 'Issue' : 'Merge Request'} Not Found`);
      const body = isRecord(request.body) && typeof request.body.body === 'string' ? request.body.body : '';
      if (!body.trim()) return { status: 400, body: { message: { note: ["can't be blank"] } } };
      const note = { id: nextNote++, body, author: user.login, created_at: context.now().toISOString() };
      item.notes.push(note);
      return { status: 201, body: { ...note, author: userRef(user.login, user), system: false, noteable_type: kind === 'issues' ? 'Issue' : 'MergeRequest', noteable_iid: item.iid, internal: false } };
    });
  }
  router.add('POST', '/projects/:id/issues', (request, { id }, { projects, user }) => {
    const p = findProject(projects, id!);
    if (!p) return gitlabError(404, '404 Project Not Found');
    const body = isRecord(request.body) ? request.body : {};
    if (typeof body.title !== 'string' || body.title.trim().length < 1) return { status: 400, body: { message: 'title is missing' } };
    const now = context.now().toISOString();
    const issue: Item = { iid: p.issues.length + 1, title: body.title, description: typeof body.description === 'string' ? body.description : '', state: 'opened', labels: typeof body.labels === 'string' ? body.labels.split(',').filter(Boolean) : [], author: user.login, assignees: [], created_at: now, updated_at: now, notes: [] };
    p.issues.push(issue);
    return { status: 201, body: present(p, issue, 'issues', user) };
  });
  router.add('GET', '/projects/:id/repository/files/:path', (request, { id, path }, { projects }) => {
    const p = findProject(projects, id!);
    if (!p) return gitlabError(404, '404 Project Not Found');
    if (!request.query.get('ref')) return gitlabError(400, 'ref is missing');
    const content = p.files[path!];
    if (content === undefined) return gitlabError(404, '404 File Not Found');
    const ref = request.query.get('ref') === 'HEAD' ? p.default_branch : request.query.get('ref');
    return { status: 200, body: { file_name: path!.split('/').at(-1), file_path: path, size: Buffer.byteLength(content), encoding: 'base64', content: Buffer.from(content).toString('base64'), ref, blob_id: 'b'.repeat(40), commit_id: 'c'.repeat(40), last_commit_id: 'd'.repeat(40) } };
  });

  return {
    state: { projects: (sub) => load(sub).projects },
    failure: (status) => (status === 401 ? { status, body: { error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' } } : gitlabError(status, status === 429 ? 'Retry later' : '500 Internal Server Error')),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: { status: 401, body: { message: '401 Unauthorized' } } };
      if (!request.path.startsWith('/api/v4/')) return { response: gitlabError(404, '404 Not Found'), sub: auth.token.sub };
      const match = router.match(request.method, request.path.slice('/api/v4'.length));
      if (match.kind !== 'found') return { response: gitlabError(404, '404 Not Found'), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, load(auth.token.sub)), sub: auth.token.sub };
    },
  };
}
