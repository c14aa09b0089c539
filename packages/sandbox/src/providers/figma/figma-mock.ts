import { authenticate, bearerToken, createRouter, isRecord, type MockProvider, type MockProviderContext, type MockResponse, mockUser, seededRandom, seedTime } from '../../mock-api/index.ts';
import { figmaRefresh } from './figma-refresh.ts';
import { figmaSeed, type FigmaCommentSeed, type FigmaFileSeed, type FigmaNodeSeed, type FigmaWorld } from './figma-seed.ts';

export interface FigmaMockState {
  postedComments: Array<{ sub: string; fileKey: string; comment: Record<string, unknown> }>;
  world(sub: string): FigmaWorld;
}

interface Call {
  world: FigmaWorld;
  sub: string;
}

/** Figma's two documented error shapes: `{ status, err }` and (for 400s of some endpoints) `{ error: true, status, message }`. */
const errMessage = (status: number, err: string): MockResponse => ({ status, body: { status, err } });
const errorBoolean = (status: number, message: string): MockResponse => ({ status, body: { error: true, status, message, i18n: null } });

/** The tree cut at `depth` levels below the document (Figma's `depth` query parameter). */
function cut(node: FigmaNodeSeed, depth: number | undefined, level = 0): Record<string, unknown> {
  const { children, ...rest } = node;
  const base = { ...rest, scrollBehavior: 'SCROLLS', ...(node.type === 'CANVAS' ? { backgroundColor: { r: 0.96, g: 0.96, b: 0.96, a: 1 }, prototypeStartNodeID: null, flowStartingPoints: [], prototypeDevice: { type: 'NONE', rotation: 'NONE' } } : {}) };
  if (!children) return base;
  if (depth !== undefined && level >= depth) return base;
  return { ...base, children: children.map((child) => cut(child, depth, level + 1)) };
}

function commentResource(file: FigmaFileSeed, c: FigmaCommentSeed) {
  return { id: c.id, file_key: file.key, parent_id: c.parent_id, user: { id: c.user.id, handle: c.user.handle, img_url: c.user.img_url }, created_at: c.created_at, resolved_at: c.resolved_at, message: c.message, client_meta: c.client_meta, order_id: c.order_id, reactions: [] };
}

/**
 * Figma REST API (`https://api.figma.com`): the user, files (structure to a depth), comments, team
 * projects and project files; and its OAuth refresh endpoint (`/v1/oauth/refresh`, see figma-refresh.ts).
 */
export function createFigmaMock(context: MockProviderContext): MockProvider<FigmaMockState> {
  const worlds = new Map<string, FigmaWorld>();
  const world = (sub: string): FigmaWorld => {
    let w = worlds.get(sub);
    if (!w) worlds.set(sub, (w = figmaSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'figma', sub), seedTime(context))));
    return w;
  };
  const state: FigmaMockState = { postedComments: [], world };
  const router = createRouter<Call>();
  const findFile = (w: FigmaWorld, key: string | undefined) => w.projects.flatMap((p) => p.files).find((f) => f.key === key);

  router.add('GET', '/v1/me', (_request, _params, { world: w }) => ({ status: 200, body: { id: w.me.id, handle: w.me.handle, img_url: w.me.img_url, email: w.me.email } }));

  router.add('GET', '/v1/files/:key', (request, params, { world: w }) => {
    const file = findFile(w, params.key);
    if (!file) return errMessage(404, 'Not found');
    const version = request.query.get('version');
    if (version !== null && version !== file.version) return errMessage(404, 'Not found');
    const rawDepth = request.query.get('depth');
    const depth = rawDepth === null ? undefined : Number(rawDepth);
    if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) return errMessage(400, 'Invalid depth');
    return {
      status: 200,
      body: { name: file.name, role: 'editor', lastModified: file.lastModified, editorType: file.editorType, thumbnailUrl: `https://s3-alpha.figma.com/thumbnails/${file.key}`, version: file.version, document: cut(file.document, depth), components: {}, componentSets: {}, schemaVersion: 0, styles: {}, linkAccess: 'org_view' },
    };
  });

  router.add('GET', '/v1/files/:key/comments', (_request, params, { world: w }) => {
    const file = findFile(w, params.key);
    if (!file) return errMessage(404, 'Not found');
    return { status: 200, body: { comments: file.comments.map((c) => commentResource(file, c)) } };
  });

  router.add('POST', '/v1/files/:key/comments', (request, params, { world: w, sub }) => {
    const file = findFile(w, params.key);
    if (!file) return errMessage(404, 'Not found');
    if (request.bodyError || !isRecord(request.body) || typeof request.body.message !== 'string' || request.body.message === '') return errorBoolean(400, 'Invalid parameter: message');
    const { message, comment_id: replyTo, client_meta: meta } = request.body;
    let parent: FigmaCommentSeed | undefined;
    if (replyTo !== undefined) {
      parent = file.comments.find((c) => c.id === String(replyTo));
      if (!parent) return errorBoolean(400, 'Comment to reply to not found');
      if (parent.parent_id) return errorBoolean(400, 'Cannot reply to a reply');
    }
    if (meta !== undefined && !isRecord(meta)) return errorBoolean(400, 'Invalid parameter: client_meta');
    const created: FigmaCommentSeed = {
      id: String(Math.max(...file.comments.map((c) => Number(c.id)), 1_000_000) + 1), parent_id: parent?.id ?? '', user: w.me,
      created_at: context.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), resolved_at: null, message,
      client_meta: parent?.client_meta ?? (meta as Record<string, unknown> | undefined) ?? { x: 0, y: 0 },
      order_id: parent ? null : String(file.comments.filter((c) => !c.parent_id).length + 1),
    };
    file.comments.push(created);
    const resource = commentResource(file, created);
    state.postedComments.push({ sub, fileKey: file.key, comment: resource });
    return { status: 200, body: resource };
  });

  router.add('GET', '/v1/teams/:team/projects', (_request, params, { world: w }) => {
    if (!/^\d+$/.test(params.team ?? '')) return errorBoolean(400, 'Invalid team id');
    if (params.team !== w.team.id) return errMessage(403, 'Forbidden');
    return { status: 200, body: { name: w.team.name, projects: w.projects.map((p) => ({ id: p.id, name: p.name })) } };
  });

  router.add('GET', '/v1/projects/:project/files', (_request, params, { world: w }) => {
    const project = w.projects.find((p) => p.id === params.project);
    if (!project) return errMessage(404, 'Not found');
    return { status: 200, body: { name: project.name, files: project.files.map((f) => ({ key: f.key, name: f.name, thumbnail_url: `https://s3-alpha.figma.com/thumbnails/${f.key}`, last_modified: f.lastModified })) } };
  });

  return {
    state,
    failure: (status) => (status === 429 ? { ...errMessage(429, 'Rate limit exceeded'), headers: { 'retry-after': '1' } } : errMessage(status, status === 403 ? 'Invalid token' : 'Internal server error')),
    async handle(request) {
      // The refresh endpoint lives on api.figma.com too, and authenticates the app, not a token.
      if (request.method === 'POST' && request.path === '/v1/oauth/refresh') return { response: await figmaRefresh(request) };
      // OAuth tokens come as Bearer, personal access tokens in X-Figma-Token.
      const header = request.headers['x-figma-token'];
      const token = bearerToken(request.headers) ?? (typeof header === 'string' && header !== '' ? header : undefined);
      const auth = await authenticate(token, context.verifyAccessToken);
      // Figma answers a missing or bad token with 403, not 401.
      if (auth.kind !== 'ok') return { response: errMessage(403, 'Invalid token') };
      const match = router.match(request.method, request.path.replace(/\/+$/, '') || '/');
      if (match.kind !== 'found') return { response: errMessage(404, 'Not found'), sub: auth.token.sub };
      const response = await match.handler(request, match.params, { world: world(auth.token.sub), sub: auth.token.sub });
      return { response, sub: auth.token.sub };
    },
  };
}
