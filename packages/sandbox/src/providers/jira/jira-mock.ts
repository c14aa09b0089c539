import { authenticate, bearerToken, createRouter, intParam, isRecord, seedTime, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import { jiraSeed, WORKFLOW, type JiraSeedIssue, type JiraSite } from './jira-seed.ts';

export interface JiraMockState {
  /** Each signed-in user's site, created on first use. */
  site(sub: string): JiraSite;
}

interface Call {
  site: JiraSite;
  sub: string;
  me: { accountId: string; displayName: string };
}

/** Jira's error body: `{ errorMessages, errors }`. */
const jiraError = (status: number, messages: string[], errors: Record<string, string> = {}): MockResponse => ({ status, body: { errorMessages: messages, errors } });
const gatewayUnauthorized: MockResponse = { status: 401, body: { code: 401, message: 'Unauthorized' } };

const accountIdOf = (name: string) => `5b10${Buffer.from(name).toString('hex').slice(0, 20)}`;
const userRef = (name: string | null) => (name ? { accountId: accountIdOf(name), displayName: name, active: true } : null);

/** Plain text as Atlassian Document Format (what v3 answers), and back (what a client sends). */
const toAdf = (text: string) => ({ type: 'doc', version: 1, content: text.split(/\n{2,}/).map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) });
function fromAdf(node: unknown): string | undefined {
  if (!isRecord(node) || node.type !== 'doc' || !Array.isArray(node.content)) return undefined;
  const text = (n: unknown): string => (isRecord(n) ? (typeof n.text === 'string' ? n.text : n.type === 'hardBreak' ? '\n' : Array.isArray(n.content) ? n.content.map(text).join('') : '') : '');
  return node.content.map(text).join('\n\n');
}

function issueResource(issue: JiraSeedIssue, site: JiraSite, origin: string, fields: string[] | null) {
  const project = site.projects.find((p) => issue.key.startsWith(`${p.key}-`))!;
  const all: Record<string, unknown> = {
    summary: issue.summary,
    status: { name: issue.status, statusCategory: { name: issue.status === 'Done' ? 'Done' : issue.status === 'To Do' ? 'To Do' : 'In Progress' } },
    issuetype: { name: issue.type },
    priority: { name: issue.priority },
    assignee: userRef(issue.assignee),
    reporter: userRef(issue.reporter),
    project: { id: project.id, key: project.key, name: project.name },
    labels: issue.labels,
    created: issue.created,
    updated: issue.updated,
    description: issue.description ? toAdf(issue.description) : null,
    comment: { comments: issue.comments.map((c) => ({ id: c.id, author: userRef(c.author), body: toAdf(c.text), created: c.created, updated: c.created })), maxResults: issue.comments.length, total: issue.comments.length, startAt: 0 },
  };
  const chosen = fields === null ? all : Object.fromEntries(Object.entries(all).filter(([name]) => fields.includes(name) || fields.includes('*all')));
  return { id: issue.id, key: issue.key, self: `${origin}/jira/ex/jira/${site.cloudId}/rest/api/3/issue/${issue.id}`, fields: chosen };
}

/** The small JQL this mock understands: `project = X`, `assignee = currentUser()`, `status = "…"`, `statusCategory != Done`, `text ~ "…"`, joined by AND. */
function matchesJql(issue: JiraSeedIssue, jql: string, me: string): boolean | 'unbounded' {
  const where = jql.replace(/\s+order\s+by\s+.*$/i, '').trim();
  if (where === '') return 'unbounded';
  return where.split(/\s+AND\s+/i).every((clause) => {
    const m = /^(\w+)\s*(=|!=|~)\s*(.+)$/.exec(clause.trim());
    if (!m) return false;
    const [, field, op, raw] = m as unknown as [string, string, string, string];
    const value = raw.trim().replace(/^"(.*)"$/, '$1');
    const actual = field.toLowerCase() === 'project' ? issue.key.split('-')[0]
      : field.toLowerCase() === 'assignee' ? issue.assignee
      : field.toLowerCase() === 'status' ? issue.status
      : field.toLowerCase() === 'statuscategory' ? (issue.status === 'Done' ? 'Done' : 'Open')
      : field.toLowerCase() === 'text' ? `${issue.summary} ${issue.description}` : undefined;
    const expected = value === 'currentUser()' ? me : value;
    if (op === '~') return String(actual ?? '').toLowerCase().includes(expected.toLowerCase());
    const equal = String(actual ?? '').toLowerCase() === expected.toLowerCase();
    return op === '=' ? equal : !equal;
  });
}

/** Atlassian's gateway and one Jira Cloud site per user, in the v3 REST API's documented shapes. */
export function createJiraMock(context: MockProviderContext): MockProvider<JiraMockState> {
  const sites = new Map<string, { site: JiraSite; me: { accountId: string; displayName: string } }>();
  const load = (sub: string) => {
    let entry = sites.get(sub);
    if (!entry) {
      const { user, site } = jiraSeed(context.seed, sub, seedTime(context));
      entry = { site, me: { accountId: accountIdOf(user.name), displayName: user.name } };
      sites.set(sub, entry);
    }
    return entry;
  };
  const state: JiraMockState = { site: (sub) => load(sub).site };
  const router = createRouter<Call>();
  const findIssue = (site: JiraSite, keyOrId: string) => site.issues.find((i) => i.key.toLowerCase() === keyOrId.toLowerCase() || i.id === keyOrId);
  const notFound = () => jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
  const nowIso = () => context.now().toISOString().replace('Z', '+0000');

  router.add('GET', '/rest/api/3/myself', (_r, _p, { me }) => ({ status: 200, body: { ...me, active: true, timeZone: 'UTC' } }));
  router.add('GET', '/rest/api/3/project/search', (request, _p, { site }) => {
    const query = request.query.get('query')?.toLowerCase();
    const max = intParam(request.query.get('maxResults'), 50, 1, 100);
    const matching = site.projects.filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)).sort((a, b) => a.name.localeCompare(b.name));
    const values = matching.slice(0, max).map((p) => ({ id: p.id, key: p.key, name: p.name, projectTypeKey: 'software', lead: { displayName: p.lead }, self: `${request.origin}/jira/ex/jira/${site.cloudId}/rest/api/3/project/${p.id}` }));
    return { status: 200, body: { startAt: 0, maxResults: max, total: matching.length, isLast: matching.length <= max, values } };
  });
  router.add('POST', '/rest/api/3/search/jql', (request, _p, { site, me }) => {
    const body = isRecord(request.body) ? request.body : {};
    if (typeof body.jql !== 'string') return jiraError(400, ['The JQL query is required.']);
    const max = typeof body.maxResults === 'number' ? Math.min(Math.max(body.maxResults, 1), 5000) : 50;
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : ['id'];
    const results = site.issues.map((issue) => ({ issue, ok: matchesJql(issue, body.jql as string, me.displayName) }));
    if (results.some((r) => r.ok === 'unbounded')) return jiraError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const start = typeof body.nextPageToken === 'string' ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) || 0 : 0;
    const matching = results.filter((r) => r.ok === true).map((r) => r.issue).sort((a, b) => b.updated.localeCompare(a.updated));
    const page = matching.slice(start, start + max);
    const more = start + max < matching.length;
    return { status: 200, body: { issues: page.map((i) => issueResource(i, site, request.origin, fields)), isLast: !more, ...(more ? { nextPageToken: Buffer.from(String(start + max)).toString('base64url') } : {}) } };
  });
  router.add('GET', '/rest/api/3/issue/:key', (request, { key }, { site }) => {
    const issue = findIssue(site, key!);
    const fields = request.query.get('fields');
    return issue ? { status: 200, body: issueResource(issue, site, request.origin, fields ? fields.split(',') : null) } : notFound();
  });
  router.add('POST', '/rest/api/3/issue', (request, _p, { site, me }) => {
    const fields = isRecord(request.body) && isRecord(request.body.fields) ? request.body.fields : {};
    const projectKey = isRecord(fields.project) ? String(fields.project.key ?? '').toUpperCase() : '';
    const project = site.projects.find((p) => p.key === projectKey);
    if (!project) return jiraError(400, [], { project: 'Specify a valid project ID or key' });
    if (typeof fields.summary !== 'string' || fields.summary.trim() === '') return jiraError(400, [], { summary: 'You must specify a summary of the issue.' });
    const type = isRecord(fields.issuetype) ? String(fields.issuetype.name ?? '') : '';
    if (!['Task', 'Bug', 'Story'].includes(type)) return jiraError(400, [], { issuetype: 'Specify a valid issue type' });
    const number = site.nextIssueNumber[project.key]!;
    site.nextIssueNumber[project.key] = number + 1;
    const issue: JiraSeedIssue = {
      id: String(10100 + site.issues.length), key: `${project.key}-${number}`, summary: fields.summary, description: fromAdf(fields.description) ?? '', status: 'To Do', type, priority: 'Medium',
      assignee: null, reporter: me.displayName, labels: Array.isArray(fields.labels) ? fields.labels.map(String) : [], created: nowIso(), updated: nowIso(), comments: [],
    };
    site.issues.push(issue);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${request.origin}/jira/ex/jira/${site.cloudId}/rest/api/3/issue/${issue.id}` } };
  });
  router.add('POST', '/rest/api/3/issue/:key/comment', (request, { key }, { site, me }) => {
    const issue = findIssue(site, key!);
    if (!issue) return notFound();
    const text = fromAdf(isRecord(request.body) ? request.body.body : undefined);
    if (!text) return jiraError(400, [], { comment: 'Comment body can not be empty!' });
    const comment = { id: String(20100 + issue.comments.length), author: me.displayName, text, created: nowIso() };
    issue.comments.push(comment);
    issue.updated = comment.created;
    return { status: 201, body: { id: comment.id, author: userRef(me.displayName), body: toAdf(text), created: comment.created, updated: comment.created } };
  });
  router.add('GET', '/rest/api/3/issue/:key/transitions', (_r, { key }, { site }) => {
    const issue = findIssue(site, key!);
    return issue ? { status: 200, body: { transitions: (WORKFLOW[issue.status] ?? []).map((t) => ({ id: t.id, name: t.name, to: { name: t.to } })) } } : notFound();
  });
  router.add('POST', '/rest/api/3/issue/:key/transitions', (request, { key }, { site }) => {
    const issue = findIssue(site, key!);
    if (!issue) return notFound();
    const id = isRecord(request.body) && isRecord(request.body.transition) ? String(request.body.transition.id ?? '') : '';
    const transition = (WORKFLOW[issue.status] ?? []).find((t) => t.id === id);
    if (!transition) return jiraError(400, [`Transition id '${id}' is not valid for this issue.`]);
    issue.status = transition.to;
    issue.updated = nowIso();
    return { status: 204 };
  });

  return {
    state,
    failure: (status) => (status === 401 ? gatewayUnauthorized : status === 429 ? { status, headers: { 'retry-after': '1' }, body: { code: 429, message: 'Rate limit exceeded' } } : jiraError(status, ['Internal server error'])),
    async handle(request: MockRequest) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: gatewayUnauthorized };
      const { site, me } = load(auth.token.sub);
      if (request.method === 'GET' && request.path === '/oauth/token/accessible-resources') {
        return { response: { status: 200, body: [{ id: site.cloudId, url: site.url, name: site.name, scopes: auth.token.scopes, avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png' }] }, sub: auth.token.sub };
      }
      const m = /^\/ex\/jira\/([^/]+)(\/.*)$/.exec(request.path);
      if (!m || m[1] !== site.cloudId) return { response: { status: 404, body: { code: 404, message: 'No route found for path' } }, sub: auth.token.sub };
      const match = router.match(request.method, m[2]!);
      if (match.kind !== 'found') return { response: jiraError(match.kind === 'not_found' ? 404 : 405, ['No resource found at this path.']), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { site, sub: auth.token.sub, me }), sub: auth.token.sub };
    },
  };
}
