import { authenticate, bearerToken, createRouter, isRecord, listParam, type MockProvider, type MockProviderContext, type MockRequest, mockUser, seededRandom, seedTime } from '../../mock-api/index.ts';
import { addGithubCodeRoutes } from './github-code-routes.ts';
import { githubRevokeGrant } from './github-grant-revocation.ts';
import { DOC_LINKS, DOCS, findRepo, githubError, invalidEnum, paginate, validationFailed, type Call } from './github-http.ts';
import { addGithubPullRoutes } from './github-pull-routes.ts';
import { issueResource, labelResource, privateUser, repoResource } from './github-resources.ts';
import { githubSeed, type GithubAccount, type GithubIssue, type GithubRepo, type GithubWorld } from './github-seed.ts';

export interface GithubMockState {
  createdIssues: Array<{ sub: string; owner: string; repo: string; issue: Record<string, unknown> }>;
  createdPulls: Array<{ sub: string; owner: string; repo: string; pull: Record<string, unknown> }>;
  createdComments: Array<{ sub: string; owner: string; repo: string; issueNumber: number; comment: Record<string, unknown> }>;
  world(sub: string): GithubWorld;
}

/**
 * GitHub REST API (`https://api.github.com`): the user, their repositories, issues list and create,
 * pull requests, issue comments, file contents, and issue and code search.
 */
export function createGithubMock(context: MockProviderContext): MockProvider<GithubMockState> {
  const worlds = new Map<string, GithubWorld>();
  const world = (sub: string): GithubWorld => {
    let w = worlds.get(sub);
    if (!w) worlds.set(sub, (w = githubSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'github', sub), seedTime(context))));
    return w;
  };
  const state: GithubMockState = { createdIssues: [], createdPulls: [], createdComments: [], world };
  const remaining = new Map<string, number>();
  const router = createRouter<Call>();

  router.add('GET', '/user', (_request, _params, { world: w }) => ({ status: 200, body: privateUser(w) }));

  router.add('GET', '/user/repos', (request, _params, { world: w }) => {
    const q = request.query;
    const visibility = q.get('visibility');
    const affiliation = q.get('affiliation');
    const type = q.get('type');
    if (type !== null && (visibility !== null || affiliation !== null)) {
      return githubError(422, 'If you specify visibility or affiliation, you cannot specify type.', DOC_LINKS.repos);
    }
    const invalid = invalidEnum(q, { visibility: ['all', 'public', 'private'], type: ['all', 'owner', 'public', 'private', 'member'], sort: ['created', 'updated', 'pushed', 'full_name'], direction: ['asc', 'desc'] });
    if (invalid) return validationFailed(DOC_LINKS.repos, [{ resource: 'Repository', field: invalid.field, code: 'invalid', value: invalid.value }]);
    const affiliations = affiliation === null ? ['owner', 'collaborator', 'organization_member'] : listParam(q, 'affiliation');
    const login = w.viewer.login;
    let repos = w.repos.filter((r) => {
      const owned = r.owner.login === login;
      const relation = owned ? 'owner' : r.owner.type === 'Organization' ? 'organization_member' : 'collaborator';
      if (!affiliations.includes(relation)) return false;
      if (visibility === 'public' && r.private) return false;
      if (visibility === 'private' && !r.private) return false;
      if (type === 'owner' && !owned) return false;
      if (type === 'member' && owned) return false;
      if (type === 'public' && r.private) return false;
      if (type === 'private' && !r.private) return false;
      return true;
    });
    const sort = q.get('sort') ?? 'full_name';
    const direction = q.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const key = (r: GithubRepo) => (sort === 'full_name' ? `${r.owner.login}/${r.name}`.toLowerCase() : sort === 'created' ? r.created_at : sort === 'pushed' ? r.pushed_at : r.updated_at);
    repos = [...repos].sort((a, b) => key(a).localeCompare(key(b)) * (direction === 'asc' ? 1 : -1));
    return paginate(request, repos.map((r) => repoResource(r, login)));
  });

  router.add('GET', '/repos/:owner/:repo/issues', (request, params, { world: w }) => {
    const repo = findRepo(w, params);
    if (!repo) return githubError(404, 'Not Found', DOC_LINKS.listIssues);
    if (!repo.has_issues) return githubError(410, 'Issues are disabled for this repo', DOC_LINKS.listIssues);
    const q = request.query;
    const invalid = invalidEnum(q, { state: ['open', 'closed', 'all'], sort: ['created', 'updated', 'comments'], direction: ['asc', 'desc'] });
    if (invalid) return validationFailed(DOC_LINKS.listIssues, [{ resource: 'Issue', field: invalid.field, code: 'invalid', value: invalid.value }]);
    const stateFilter = q.get('state') ?? 'open';
    const labels = listParam(q, 'labels').map((l) => l.toLowerCase());
    const since = q.get('since');
    const creator = q.get('creator');
    const assignee = q.get('assignee');
    let issues = repo.issues.filter((i) =>
      (stateFilter === 'all' || i.state === stateFilter)
      && labels.every((l) => i.labels.some((x) => x.name.toLowerCase() === l))
      && (!since || i.updated_at >= new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z'))
      && (!creator || i.user.login === creator)
      && (!assignee || (assignee === 'none' ? i.assignees.length === 0 : assignee === '*' ? i.assignees.length > 0 : i.assignees.some((a) => a.login === assignee))));
    const sort = q.get('sort') ?? 'created';
    const sign = (q.get('direction') ?? 'desc') === 'asc' ? 1 : -1;
    const key = (i: GithubIssue) => (sort === 'comments' ? String(i.comments).padStart(8, '0') : sort === 'updated' ? i.updated_at : i.created_at);
    issues = [...issues].sort((a, b) => (key(a).localeCompare(key(b)) || a.number - b.number) * sign);
    return paginate(request, issues.map((i) => issueResource(repo, i, w.viewer.login)));
  });

  router.add('POST', '/repos/:owner/:repo/issues', (request, params, { world: w, sub }) => {
    const repo = findRepo(w, params);
    if (!repo) return githubError(404, 'Not Found', DOC_LINKS.createIssue);
    if (!repo.has_issues) return githubError(410, 'Issues are disabled for this repo', DOC_LINKS.createIssue);
    if (request.bodyError || (request.body !== undefined && !isRecord(request.body))) return githubError(400, 'Problems parsing JSON', DOC_LINKS.createIssue);
    const body = isRecord(request.body) ? request.body : {};
    const title = body.title;
    if (title === undefined || title === null || title === '') return validationFailed(DOC_LINKS.createIssue, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
    if (typeof title !== 'string' && typeof title !== 'number') return githubError(422, 'Invalid request.\n\nFor \'properties/title\', {} is not a string or integer.', DOC_LINKS.createIssue);
    if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') return githubError(422, 'Invalid request.\n\nFor \'properties/body\', it is not a string.', DOC_LINKS.createIssue);
    const labelNames = Array.isArray(body.labels) ? body.labels.map((l) => (isRecord(l) ? String(l.name ?? '') : String(l))).filter(Boolean) : [];
    // GitHub creates labels that do not exist yet (grey, no description).
    const labels = labelNames.map((name) => {
      let label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
      if (!label) repo.labels.push((label = { id: Math.max(...repo.labels.map((l) => l.id)) + 1, name, color: 'ededed', description: null, default: false }));
      return label;
    });
    // Assignees without access are silently dropped, as documented.
    const wanted = [...(Array.isArray(body.assignees) ? body.assignees.map(String) : []), ...(typeof body.assignee === 'string' ? [body.assignee] : [])];
    const assignees = repo.collaborators.filter((c: GithubAccount) => wanted.some((login) => login.toLowerCase() === c.login.toLowerCase()));
    const now = context.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const all = w.repos.flatMap((r) => r.issues);
    const issue: GithubIssue = {
      id: Math.max(0, ...all.map((i) => i.id)) + 1,
      number: Math.max(0, ...repo.issues.map((i) => i.number)) + 1,
      title: String(title), body: typeof body.body === 'string' ? body.body : null,
      state: 'open', state_reason: null, user: w.viewer, labels, assignees, comments: 0,
      created_at: now, updated_at: now, closed_at: null,
    };
    repo.issues.push(issue);
    const resource = issueResource(repo, issue, w.viewer.login);
    state.createdIssues.push({ sub, owner: repo.owner.login, repo: repo.name, issue: resource });
    return { status: 201, headers: { location: resource.url }, body: resource };
  });

  addGithubPullRoutes(router, state, context);
  addGithubCodeRoutes(router);

  router.add('GET', '/repos/:owner/:repo/labels', (request, params, { world: w }) => {
    const repo = findRepo(w, params);
    return repo ? paginate(request, repo.labels.map((l) => labelResource(repo, l))) : githubError(404, 'Not Found');
  });

  function rateHeaders(sub: string | undefined, scopes: string[]): Record<string, string> {
    const key = sub ?? '';
    const left = Math.max(0, (remaining.get(key) ?? 5000) - 1);
    remaining.set(key, left);
    const reset = Math.floor(context.now().getTime() / 1000) + 3600;
    return {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-oauth-scopes': scopes.join(', '),
      'x-accepted-oauth-scopes': '',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(left),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(5000 - left),
      'x-ratelimit-resource': 'core',
    };
  }

  return {
    state,
    failure: (status) => {
      if (status === 401) return githubError(401, 'Bad credentials');
      if (status === 403 || status === 429) {
        const response = githubError(status, 'API rate limit exceeded for user. (But here\'s the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)', `${DOCS}/overview/rate-limits-for-the-rest-api`);
        return { ...response, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(Math.floor(context.now().getTime() / 1000) + 60), 'x-ratelimit-resource': 'core' } };
      }
      if (status >= 500) return githubError(status, status === 503 ? 'Service Unavailable' : 'Server Error');
      return githubError(status, 'Error');
    },
    async handle(request) {
      // GitHub rejects requests without a User-Agent before anything else.
      if (!request.headers['user-agent']) {
        return { response: { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, text: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n' } };
      }
      // The app revokes a grant with its own client credentials (Basic), not the person's token.
      const grant = request.method === 'DELETE' ? /^\/applications\/([^/]+)\/grant$/.exec(request.path) : null;
      if (grant) return { response: await githubRevokeGrant(request, decodeURIComponent(grant[1]!)) };
      const match = router.match(request.method, request.path.replace(/\/+$/, '') || '/');
      const auth = await authenticate(bearerToken(request.headers, ['bearer', 'token']), context.verifyAccessToken);
      if (auth.kind === 'invalid') return { response: githubError(401, 'Bad credentials') };
      if (match.kind !== 'found') return { response: githubError(404, 'Not Found'), ...(auth.kind === 'ok' ? { sub: auth.token.sub } : {}) };
      if (auth.kind === 'missing') return { response: githubError(401, 'Requires authentication', docFor(request)) };
      const response = await match.handler(request, match.params, { world: world(auth.token.sub), sub: auth.token.sub });
      return { response: { ...response, headers: { ...rateHeaders(auth.token.sub, auth.token.scopes), ...response.headers } }, sub: auth.token.sub };
    },
  };
}

function docFor(request: MockRequest): string {
  if (request.path === '/user') return DOC_LINKS.user;
  if (request.path === '/user/repos') return DOC_LINKS.repos;
  return request.method === 'POST' ? DOC_LINKS.createIssue : DOC_LINKS.listIssues;
}

