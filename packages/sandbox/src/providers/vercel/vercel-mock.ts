import { authenticate, bearerToken, createRouter, intParam, isRecord, mockUser, seededRandom, seedTime, type MockProvider, type MockProviderContext, type MockResponse } from '../../mock-api/index.ts';

interface Deployment {
  uid: string;
  name: string;
  projectId: string;
  url: string;
  readyState: 'READY' | 'ERROR' | 'BUILDING' | 'QUEUED';
  target: 'production' | null;
  createdAt: number;
  meta: Record<string, string>;
  errorMessage?: string;
}

interface Scope {
  projects: Array<{ id: string; name: string; framework: string | null; updatedAt: number; env: Array<{ id: string; key: string; type: string; target: string[]; value: string }> }>;
  deployments: Deployment[];
}

export interface VercelMockState {
  /** A user's personal scope, or a team's when `teamId` is given. */
  scope(sub: string, teamId?: string): Scope;
  teamOf(sub: string): { id: string; slug: string };
}

const vercelError = (status: number, code: string, message: string): MockResponse => ({ status, body: { error: { code, message } } });

/** Vercel's REST API for one user and their team: projects, deployments, env var names, redeploys. */
export function createVercelMock(context: MockProviderContext): MockProvider<VercelMockState> {
  const scopes = new Map<string, Scope>();
  const teamOf = (sub: string) => ({ id: `team_${seededRandom(context.seed, 'vercel-team', sub).alnum(24)}`, slug: mockUser(context.seed, sub).company.org });
  const scope = (sub: string, teamId?: string): Scope => {
    const key = `${sub}\u0000${teamId ?? ''}`;
    let found = scopes.get(key);
    if (!found) {
      const random = seededRandom(context.seed, 'vercel', key);
      const base = seedTime(context).getTime();
      const project = (name: string, framework: string | null) => ({ id: `prj_${random.alnum(28)}`, name, framework, updatedAt: base - 3_600_000, env: [
        { id: random.alnum(16), key: 'DATABASE_URL', type: 'encrypted', target: ['production', 'preview'], value: 'postgres://app:s3cret@db.internal/app' },
        { id: random.alnum(16), key: 'NEXT_PUBLIC_API_URL', type: 'plain', target: ['development'], value: 'http://localhost:4000' },
      ] });
      const projects = teamId ? [project('storefront', 'nextjs'), project('docs', 'astro')] : [project('blog', 'nextjs')];
      const deployments: Deployment[] = projects.flatMap((p, i) => [
        { uid: `dpl_${random.alnum(28)}`, name: p.name, projectId: p.id, url: `${p.name}-${random.alnum(9).toLowerCase()}.vercel.app`, readyState: 'READY' as const, target: 'production' as const, createdAt: base - (i + 1) * 7_200_000, meta: { githubCommitMessage: 'Release', githubCommitRef: 'main' } },
        { uid: `dpl_${random.alnum(28)}`, name: p.name, projectId: p.id, url: `${p.name}-git-feature-${random.alnum(6).toLowerCase()}.vercel.app`, readyState: 'ERROR' as const, target: null, createdAt: base - (i + 1) * 3_600_000, meta: { githubCommitMessage: 'Try a new layout', githubCommitRef: 'feature' }, errorMessage: 'Command "npm run build" exited with 1' },
      ]);
      found = { projects, deployments };
      scopes.set(key, found);
    }
    return found;
  };
  const router = createRouter<{ sub: string; teamId?: string }>();
  const present = (d: Deployment) => ({ ...d, id: d.uid, state: d.readyState, created: d.createdAt, type: 'LAMBDAS', creator: { uid: 'u1', username: 'alice' }, inspectorUrl: `https://vercel.com/${d.name}/${d.uid.slice(4)}` });

  router.add('GET', '/v2/user', (_r, _p, { sub }) => {
    const user = mockUser(context.seed, sub);
    return { status: 200, body: { user: { id: seededRandom(context.seed, 'vercel-user', sub).alnum(24), email: user.email, name: user.name, username: user.login, defaultTeamId: null } } };
  });
  router.add('GET', '/v2/teams', (_r, _p, { sub }) => ({ status: 200, body: { teams: [{ ...teamOf(sub), name: mockUser(context.seed, sub).company.name }], pagination: { count: 1, next: null, prev: null } } }));
  router.add('GET', '/v10/projects', (request, _p, { sub, teamId }) => {
    const search = request.query.get('search')?.toLowerCase();
    const list = scope(sub, teamId).projects.filter((p) => !search || p.name.includes(search)).slice(0, intParam(request.query.get('limit'), 20, 1, 100));
    return { status: 200, body: { projects: list.map(({ env: _env, ...p }) => p), pagination: { count: list.length, next: null, prev: null } } };
  });
  router.add('GET', '/v6/deployments', (request, _p, { sub, teamId }) => {
    const q = request.query;
    const list = scope(sub, teamId).deployments
      .filter((d) => (!q.get('projectId') || d.projectId === q.get('projectId') || d.name === q.get('projectId')) && (!q.get('state') || d.readyState === q.get('state')) && (!q.get('target') || (d.target ?? 'preview') === q.get('target')))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, intParam(q.get('limit'), 20, 1, 100));
    return { status: 200, body: { deployments: list.map(present), pagination: { count: list.length, next: null, prev: null } } };
  });
  router.add('GET', '/v13/deployments/:id', (_r, { id }, { sub, teamId }) => {
    const found = scope(sub, teamId).deployments.find((d) => d.uid === id || d.url === id);
    return found ? { status: 200, body: { ...present(found), alias: found.target === 'production' ? [`${found.name}.vercel.app`] : [] } } : vercelError(404, 'not_found', 'Deployment was not found.');
  });
  router.add('POST', '/v13/deployments', (request, _p, { sub, teamId }) => {
    const body = isRecord(request.body) ? request.body : {};
    const s = scope(sub, teamId);
    const original = s.deployments.find((d) => d.uid === body.deploymentId);
    if (typeof body.name !== 'string') return vercelError(400, 'bad_request', 'Invalid request: missing required property `name`.');
    if (!original) return vercelError(404, 'not_found', 'Deployment was not found.');
    const random = seededRandom(context.seed, 'vercel-redeploy', s.deployments.length);
    const created: Deployment = { ...original, uid: `dpl_${random.alnum(28)}`, url: `${original.name}-${random.alnum(9).toLowerCase()}.vercel.app`, readyState: 'QUEUED', target: body.target === 'production' ? 'production' : null, createdAt: context.now().getTime() };
    delete created.errorMessage;
    s.deployments.push(created);
    return { status: 200, body: { ...present(created), alias: [] } };
  });
  router.add('GET', '/v10/projects/:idOrName/env', (_r, { idOrName }, { sub, teamId }) => {
    const project = scope(sub, teamId).projects.find((p) => p.id === idOrName || p.name === idOrName);
    if (!project) return vercelError(404, 'not_found', 'Project not found.');
    // Without `decrypt=true` Vercel sends encrypted values as ciphertext; the mock sends a placeholder.
    return { status: 200, body: { envs: project.env.map((e) => ({ ...e, value: e.type === 'encrypted' ? 'eyJ2IjoxfQ==' : e.value, decrypted: false, createdAt: project.updatedAt, updatedAt: project.updatedAt })), pagination: { count: project.env.length, next: null, prev: null } } };
  });

  return {
    state: { scope, teamOf },
    failure: (status) => (status === 429 ? { ...vercelError(429, 'rate_limited', 'Rate limit exceeded'), headers: { 'retry-after': '1' } } : vercelError(status, status === 401 || status === 403 ? 'forbidden' : 'internal_server_error', status === 403 ? 'Not authorized' : 'An unexpected error occurred.')),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } } };
      const teamId = request.query.get('teamId') ?? undefined;
      if (teamId && teamId !== teamOf(auth.token.sub).id) return { response: vercelError(403, 'forbidden', 'Not authorized'), sub: auth.token.sub };
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: vercelError(404, 'not_found', 'The requested resource was not found.'), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { sub: auth.token.sub, ...(teamId ? { teamId } : {}) }), sub: auth.token.sub };
    },
  };
}
