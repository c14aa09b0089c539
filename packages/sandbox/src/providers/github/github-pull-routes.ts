import { isRecord, type MockProviderContext, type MockRequest, type createRouter } from '../../mock-api/index.ts';
import { DOCS, findRepo, githubError, invalidEnum, paginate, validationFailed, type Call } from './github-http.ts';
import type { GithubMockState } from './github-mock.ts';
import { commentResource, issueResource, pullResource } from './github-resources.ts';
import type { GithubIssue, GithubRepo, GithubWorld } from './github-seed.ts';

const DOC = {
  listPulls: `${DOCS}/pulls/pulls#list-pull-requests`,
  createPull: `${DOCS}/pulls/pulls#create-a-pull-request`,
  createComment: `${DOCS}/issues/comments#create-an-issue-comment`,
  searchIssues: `${DOCS}/search/search#search-issues-and-pull-requests`,
};

type Router = ReturnType<typeof createRouter<Call>>;

const isoNow = (context: MockProviderContext) => context.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
const nextIssueId = (w: GithubWorld) => Math.max(0, ...w.repos.flatMap((r) => r.issues.map((i) => i.id))) + 1;

/** `head` filters as `user:branch` (GitHub) or a bare branch name. */
function headMatches(repo: GithubRepo, issue: GithubIssue, head: string): boolean {
  const [owner, branch] = head.includes(':') ? head.split(':', 2) as [string, string] : [repo.owner.login, head];
  return owner.toLowerCase() === repo.owner.login.toLowerCase() && issue.pull_request?.head === branch;
}

/** Pull requests, issue comments and issue search, as api.github.com answers them. */
export function addGithubPullRoutes(router: Router, state: GithubMockState, context: MockProviderContext): void {
  /** Comments made here, per issue id (the seed only counts them). */
  const comments = new Map<number, number>();

  router.add('GET', '/repos/:owner/:repo/pulls', (request, params, { world: w }) => {
    const repo = findRepo(w, params);
    if (!repo) return githubError(404, 'Not Found', DOC.listPulls);
    const q = request.query;
    const invalid = invalidEnum(q, { state: ['open', 'closed', 'all'], sort: ['created', 'updated', 'popularity', 'long-running'], direction: ['asc', 'desc'] });
    if (invalid) return validationFailed(DOC.listPulls, [{ resource: 'PullRequest', field: invalid.field, code: 'invalid', value: invalid.value }]);
    const stateFilter = q.get('state') ?? 'open';
    const head = q.get('head');
    const base = q.get('base');
    const sort = q.get('sort') ?? 'created';
    // GitHub: descending by default for created (and no sort), ascending otherwise.
    const sign = (q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
    const key = (i: GithubIssue) => (sort === 'updated' ? i.updated_at : sort === 'popularity' ? String(i.comments).padStart(8, '0') : sort === 'long-running' ? i.created_at : i.created_at);
    const pulls = repo.issues
      .filter((i) => i.pull_request && (stateFilter === 'all' || i.state === stateFilter) && (!head || headMatches(repo, i, head)) && (!base || i.pull_request.base === base))
      .sort((a, b) => (key(a).localeCompare(key(b)) || a.number - b.number) * sign);
    return paginate(request, pulls.map((i) => pullResource(repo, i, w.viewer.login)));
  });

  router.add('POST', '/repos/:owner/:repo/pulls', (request, params, { world: w, sub }) => {
    const repo = findRepo(w, params);
    if (!repo) return githubError(404, 'Not Found', DOC.createPull);
    if (request.bodyError || !isRecord(request.body)) return githubError(400, 'Problems parsing JSON', DOC.createPull);
    const body = request.body;
    for (const field of ['head', 'base'] as const) {
      if (typeof body[field] !== 'string' || body[field] === '') return validationFailed(DOC.createPull, [{ resource: 'PullRequest', code: 'missing_field', field }]);
    }
    if (typeof body.title !== 'string' && body.issue === undefined) return validationFailed(DOC.createPull, [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
    const head = String(body.head).includes(':') ? String(body.head).split(':', 2)[1]! : String(body.head);
    const base = String(body.base);
    if (head === base) return validationFailed(DOC.createPull, [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
    if (repo.issues.some((i) => i.state === 'open' && i.pull_request?.head === head && i.pull_request.base === base)) {
      return validationFailed(DOC.createPull, [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner.login}:${head}.` }]);
    }
    const now = isoNow(context);
    const issue: GithubIssue = {
      id: nextIssueId(w), number: Math.max(0, ...repo.issues.map((i) => i.number)) + 1,
      title: String(body.title ?? ''), body: typeof body.body === 'string' ? body.body : null,
      state: 'open', state_reason: null, user: w.viewer, labels: [], assignees: [], comments: 0,
      created_at: now, updated_at: now, closed_at: null,
      pull_request: { merged_at: null, head, base, draft: body.draft === true },
    };
    repo.issues.push(issue);
    const resource = pullResource(repo, issue, w.viewer.login, true);
    state.createdPulls.push({ sub, owner: repo.owner.login, repo: repo.name, pull: resource });
    return { status: 201, headers: { location: resource.url }, body: resource };
  });

  router.add('POST', '/repos/:owner/:repo/issues/:number/comments', (request, params, { world: w, sub }) => {
    const repo = findRepo(w, params);
    const issue = repo?.issues.find((i) => String(i.number) === params.number);
    if (!repo || !issue) return githubError(404, 'Not Found', DOC.createComment);
    if (request.bodyError || !isRecord(request.body)) return githubError(400, 'Problems parsing JSON', DOC.createComment);
    if (typeof request.body.body !== 'string' || request.body.body === '') return validationFailed(DOC.createComment, [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
    const made = (comments.get(issue.id) ?? 0) + 1;
    comments.set(issue.id, made);
    issue.comments += 1;
    const created_at = isoNow(context);
    issue.updated_at = created_at;
    const resource = commentResource(repo, issue, { id: issue.id * 100 + made, body: request.body.body, user: w.viewer, created_at });
    state.createdComments.push({ sub, owner: repo.owner.login, repo: repo.name, issueNumber: issue.number, comment: resource });
    return { status: 201, headers: { location: resource.url }, body: resource };
  });

  router.add('GET', '/search/issues', (request, _params, { world: w }) => searchIssues(request, w));
}

/** `q` is keywords (in the title or body) and qualifiers: repo:, org:, user:, is:open|closed|issue|pr, label:, author:, assignee:, in:title. */
function searchIssues(request: MockRequest, w: GithubWorld) {
  const q = request.query.get('q');
  if (!q) return validationFailed(DOC.searchIssues, [{ resource: 'Search', field: 'q', code: 'missing' }]);
  const invalid = invalidEnum(request.query, { order: ['desc', 'asc'] });
  if (invalid) return validationFailed(DOC.searchIssues, [{ resource: 'Search', field: invalid.field, code: 'invalid' }]);
  const terms: string[] = [];
  const filters: Array<(repo: GithubRepo, issue: GithubIssue) => boolean> = [];
  for (const token of q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? []) {
    const m = /^(-?)(\w+):(.+)$/.exec(token);
    if (!m) {
      terms.push(token.replace(/"/g, '').toLowerCase());
      continue;
    }
    const [, negate, name, raw] = m as unknown as [string, string, string, string];
    const value = raw.replace(/"/g, '').toLowerCase();
    const test = ((): ((repo: GithubRepo, issue: GithubIssue) => boolean) | undefined => {
      switch (name) {
        case 'repo': return (r) => `${r.owner.login}/${r.name}`.toLowerCase() === value;
        case 'org': case 'user': return (r) => r.owner.login.toLowerCase() === value;
        case 'is': case 'state': case 'type':
          return value === 'open' || value === 'closed' ? (_r, i) => i.state === value
            : value === 'pr' || value === 'pull-request' ? (_r, i) => i.pull_request !== undefined
            : value === 'issue' ? (_r, i) => i.pull_request === undefined
            : value === 'merged' ? (_r, i) => Boolean(i.pull_request?.merged_at) : undefined;
        case 'label': return (_r, i) => i.labels.some((l) => l.name.toLowerCase() === value);
        case 'author': return (_r, i) => i.user.login.toLowerCase() === (value === '@me' ? w.viewer.login.toLowerCase() : value);
        case 'assignee': return (_r, i) => i.assignees.some((a) => a.login.toLowerCase() === (value === '@me' ? w.viewer.login.toLowerCase() : value));
        case 'involves': return (_r, i) => [i.user, ...i.assignees].some((a) => a.login.toLowerCase() === (value === '@me' ? w.viewer.login.toLowerCase() : value));
        case 'in': return () => true;
        default: return undefined;
      }
    })();
    if (!test) return validationFailed(DOC.searchIssues, [{ message: `The qualifier ${name}:${raw} is not supported.`, resource: 'Search', field: 'q', code: 'invalid' }]);
    filters.push(negate ? (r, i) => !test(r, i) : test);
  }
  const hits = w.repos.flatMap((repo) => repo.issues
    .filter((issue) => filters.every((f) => f(repo, issue)) && terms.every((t) => `${issue.title}\n${issue.body ?? ''}`.toLowerCase().includes(t)))
    .map((issue) => ({ repo, issue })));
  const sort = request.query.get('sort');
  const sign = request.query.get('order') === 'asc' ? 1 : -1;
  const key = ({ issue }: { issue: GithubIssue }) => (sort === 'comments' ? String(issue.comments).padStart(8, '0') : sort === 'created' ? issue.created_at : issue.updated_at);
  if (sort) hits.sort((a, b) => key(a).localeCompare(key(b)) * sign);
  const page = paginate(request, hits.map(({ repo, issue }) => ({ ...issueResource(repo, issue, w.viewer.login), score: 1 })));
  return { ...page, body: { total_count: hits.length, incomplete_results: false, items: page.body } };
}
