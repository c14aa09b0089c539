import { authenticate, bearerToken, createRouter, isRecord, mockUser, seedTime, type MockProvider, type MockProviderContext, type MockResponse, type MockUser } from '../../mock-api/index.ts';

interface PullRequest { id: number; title: string; description: string; state: 'OPEN' | 'MERGED' | 'DECLINED'; source: string; destination: string; author: string; comments: Array<{ id: number; raw: string; author: string; created_on: string }>; updated_on: string }
interface Repository { slug: string; description: string; mainbranch: string; updated_on: string; files: Record<string, string>; branches: string[]; pullRequests: PullRequest[] }

export interface BitbucketMockState {
  /** The one workspace of a user (their company's), with its repositories. */
  workspace(sub: string): { slug: string; repositories: Repository[] };
}

const bitbucketError = (status: number, message: string): MockResponse => ({ status, body: { type: 'error', error: { message } } });

/** Bitbucket Cloud API 2.0 for one user: a workspace, its repositories, pull requests, comments and files. */
export function createBitbucketMock(context: MockProviderContext): MockProvider<BitbucketMockState> {
  const byUser = new Map<string, { user: MockUser; slug: string; repositories: Repository[] }>();
  let nextComment = 9000;
  const load = (sub: string) => {
    let found = byUser.get(sub);
    if (!found) {
      const user = mockUser(context.seed, sub);
      const at = (hours: number) => new Date(seedTime(context).getTime() - hours * 3_600_000).toISOString().replace('Z', '000+00:00');
      found = {
        user,
        slug: user.company.org,
        repositories: [
          { slug: 'website', description: 'Public website', mainbranch: 'main', updated_on: at(1), branches: ['main', 'fix-safari', 'dark-mode'], files: { 'README.md': '# Website\n\nRun npm start.\n', 'src/app.py': 'print("hello")\n' },
            pullRequests: [{ id: 1, title: 'Fix Safari checkout', description: '', state: 'OPEN', source: 'fix-safari', destination: 'main', author: user.colleagues[0]!.name, comments: [], updated_on: at(2) }] },
          { slug: 'infra', description: 'Terraform', mainbranch: 'main', updated_on: at(20), branches: ['main'], files: { 'README.md': '# Infra\n' }, pullRequests: [] },
        ],
      };
      byUser.set(sub, found);
    }
    return found;
  };
  const html = (ws: string, path: string) => ({ html: { href: `https://bitbucket.org/${ws}/${path}` } });
  const person = (name: string) => ({ type: 'user', display_name: name, uuid: `{${Buffer.from(name).toString('hex').padEnd(32, '0').slice(0, 8)}-0000-4000-8000-000000000000}` });
  const present = (ws: string, repo: Repository, pr: PullRequest) => ({
    type: 'pullrequest', id: pr.id, title: pr.title, description: pr.description, state: pr.state, draft: false, author: person(pr.author),
    source: { branch: { name: pr.source } }, destination: { branch: { name: pr.destination } }, comment_count: pr.comments.length, updated_on: pr.updated_on, links: html(ws, `${repo.slug}/pull-requests/${pr.id}`),
  });
  type Ctx = ReturnType<typeof load>;
  const router = createRouter<Ctx>();
  const repoOf = (ctx: Ctx, ws: string, slug: string) => (ws === ctx.slug ? ctx.repositories.find((r) => r.slug === slug) : undefined);

  router.add('GET', '/user', (_r, _p, { user }) => ({ status: 200, body: { ...person(user.name), nickname: user.login, account_id: `557058:${user.login}` } }));
  router.add('GET', '/user/permissions/workspaces', (_r, _p, { slug }) => ({ status: 200, body: { pagelen: 100, page: 1, size: 1, values: [{ type: 'workspace_membership', permission: 'owner', workspace: { type: 'workspace', slug, name: slug } }] } }));
  router.add('GET', '/repositories/:ws', (request, { ws }, ctx) => {
    if (ws !== ctx.slug) return bitbucketError(404, `No workspace with identifier '${ws}'.`);
    const name = /name ~ "([^"]*)"/.exec(request.query.get('q') ?? '')?.[1]?.toLowerCase();
    const values = ctx.repositories.filter((r) => !name || r.slug.includes(name)).sort((a, b) => b.updated_on.localeCompare(a.updated_on));
    return { status: 200, body: { pagelen: 10, size: values.length, page: 1, values: values.map((r) => ({ type: 'repository', slug: r.slug, full_name: `${ws}/${r.slug}`, name: r.slug, description: r.description, is_private: true, mainbranch: { type: 'branch', name: r.mainbranch }, updated_on: r.updated_on, links: html(ws!, r.slug) })) } };
  });
  router.add('GET', '/repositories/:ws/:repo/pullrequests', (request, { ws, repo }, ctx) => {
    const r = repoOf(ctx, ws!, repo!);
    if (!r) return bitbucketError(404, 'Repository not found');
    const state = request.query.get('state') ?? 'OPEN';
    const values = r.pullRequests.filter((pr) => pr.state === state).map((pr) => present(ws!, r, pr));
    return { status: 200, body: { pagelen: 10, size: values.length, page: 1, values } };
  });
  router.add('POST', '/repositories/:ws/:repo/pullrequests', (request, { ws, repo }, ctx) => {
    const r = repoOf(ctx, ws!, repo!);
    if (!r) return bitbucketError(404, 'Repository not found');
    const body = isRecord(request.body) ? request.body : {};
    const branchOf = (side: unknown) => (isRecord(side) && isRecord(side.branch) && typeof side.branch.name === 'string' ? side.branch.name : undefined);
    const source = branchOf(body.source);
    if (typeof body.title !== 'string' || !body.title.trim()) return bitbucketError(400, 'title: This field is required.');
    if (!source || !r.branches.includes(source)) return bitbucketError(400, 'source: Branch not found');
    const pr: PullRequest = { id: r.pullRequests.length + 1, title: body.title, description: typeof body.description === 'string' ? body.description : '', state: 'OPEN', source, destination: branchOf(body.destination) ?? r.mainbranch, author: ctx.user.name, comments: [], updated_on: context.now().toISOString() };
    r.pullRequests.push(pr);
    return { status: 201, body: present(ws!, r, pr) };
  });
  router.add('POST', '/repositories/:ws/:repo/pullrequests/:id/comments', (request, { ws, repo, id }, ctx) => {
    const r = repoOf(ctx, ws!, repo!);
    const pr = r?.pullRequests.find((p) => String(p.id) === id);
    if (!r || !pr) return bitbucketError(404, 'Pull request not found');
    const raw = isRecord(request.body) && isRecord(request.body.content) && typeof request.body.content.raw === 'string' ? request.body.content.raw : '';
    if (!raw.trim()) return bitbucketError(400, 'content: This field is required.');
    const comment = { id: nextComment++, raw, author: ctx.user.name, created_on: context.now().toISOString() };
    pr.comments.push(comment);
    return { status: 201, body: { type: 'pullrequest_comment', id: comment.id, content: { raw, markup: 'markdown', html: `<p>${raw}</p>` }, user: person(comment.author), created_on: comment.created_on, deleted: false, links: html(ws!, `${r.slug}/pull-requests/${pr.id}/_/diff#comment-${comment.id}`) } };
  });

  return {
    state: { workspace: (sub) => load(sub) },
    failure: (status) => bitbucketError(status, status === 429 ? 'Rate limit for this resource has been exceeded' : 'Something went wrong'),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: bitbucketError(401, 'Access token expired. Use your refresh token to obtain a new access token.') };
      const ctx = load(auth.token.sub);
      if (!request.path.startsWith('/2.0/')) return { response: bitbucketError(404, 'Resource not found'), sub: auth.token.sub };
      const path = request.path.slice('/2.0'.length);
      // A file at a ref: `/repositories/{ws}/{repo}/src/{ref}/{path with slashes}`, served as text.
      const file = /^\/repositories\/([^/]+)\/([^/]+)\/src\/([^/]+)\/(.+)$/.exec(path);
      if (file && request.method === 'GET') {
        const r = repoOf(ctx, decodeURIComponent(file[1]!), decodeURIComponent(file[2]!));
        const content = r && r.branches.includes(decodeURIComponent(file[3]!)) ? r.files[file[4]!.split('/').map(decodeURIComponent).join('/')] : undefined;
        return { response: content === undefined ? bitbucketError(404, `No such file or directory: ${file[4]}`) : { status: 200, headers: { 'content-type': 'text/plain' }, text: content }, sub: auth.token.sub };
      }
      const match = router.match(request.method, path);
      if (match.kind !== 'found') return { response: bitbucketError(404, 'Resource not found'), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, ctx), sub: auth.token.sub };
    },
  };
}
