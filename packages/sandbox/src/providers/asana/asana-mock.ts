import { authenticate, bearerToken, createRouter, intParam, isRecord, mockUser, seededRandom, seedTime, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, type SeededRandom } from '../../mock-api/index.ts';
import { asanaSeed, type AsanaTask, type AsanaWorld } from './asana-seed.ts';

export interface AsanaMockState {
  world(sub: string): AsanaWorld;
}

interface Call {
  world: AsanaWorld;
  random: SeededRandom;
}

const HELP = 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';
/** Asana's error body: `{ errors: [{ message, help }] }`. */
const asanaError = (status: number, message: string): MockResponse => ({ status, body: { errors: [{ message, help: HELP }] } });

/**
 * Asana answers compact records (`gid`, `resource_type`, `name`) unless `opt_fields` names more:
 * `assignee.name` adds `assignee: { gid, resource_type, name }`. The full record is projected here.
 */
function project(record: Record<string, unknown>, optFields: string | null): Record<string, unknown> {
  const fields = optFields ? optFields.split(',').map((f) => f.trim()).filter(Boolean) : ['name'];
  const nestedOf = new Map<string, string[]>();
  for (const field of fields) {
    const [head, ...rest] = field.split('.');
    if (!head) continue;
    const nested = nestedOf.get(head) ?? [];
    if (rest.length > 0) nested.push(rest.join('.'));
    nestedOf.set(head, nested);
  }
  const out: Record<string, unknown> = { gid: record.gid, resource_type: record.resource_type };
  for (const [head, nested] of nestedOf) {
    if (!(head in record)) continue;
    const value = record[head];
    const inner = (v: unknown) => (isRecord(v) ? (nested.length > 0 ? project(v, nested.join(',')) : { gid: v.gid, resource_type: v.resource_type }) : v);
    out[head] = Array.isArray(value) ? value.map(inner) : value === null ? null : inner(value);
  }
  return out;
}

/** Lists page with Asana's opaque `offset` tokens and `next_page`. */
function paged(request: MockRequest, records: Array<Record<string, unknown>>, path: string): MockResponse {
  const limit = intParam(request.query.get('limit'), 100, 1, 100);
  const offsetToken = request.query.get('offset');
  const start = offsetToken ? Number(Buffer.from(offsetToken, 'base64url').toString('utf8').replace(/^offset:/, '')) : 0;
  if (!Number.isInteger(start) || start < 0) return asanaError(400, 'offset: Your pagination token is invalid.');
  const data = records.slice(start, start + limit).map((r) => project(r, request.query.get('opt_fields')));
  const more = start + limit < records.length;
  const offset = Buffer.from(`offset:${start + limit}`).toString('base64url');
  return { status: 200, body: { data, next_page: more ? { offset, path: `${path}?limit=${limit}&offset=${offset}`, uri: `https://app.asana.com/api/1.0${path}?limit=${limit}&offset=${offset}` } : null } };
}

/** The Asana REST API (`https://app.asana.com/api/1.0`): me, workspaces, projects, tasks (list, create, update) and comments. */
export function createAsanaMock(context: MockProviderContext): MockProvider<AsanaMockState> {
  const worlds = new Map<string, { world: AsanaWorld; random: SeededRandom }>();
  const load = (sub: string) => {
    let entry = worlds.get(sub);
    if (!entry) worlds.set(sub, (entry = { world: asanaSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'asana', sub), seedTime(context)), random: seededRandom(context.seed, 'asana-created', sub) }));
    return entry;
  };
  const router = createRouter<Call>();
  const now = () => context.now().toISOString();

  const personRecord = (w: AsanaWorld, gid: string | null) => {
    const p = w.people.find((person) => person.gid === gid);
    return p ? { gid: p.gid, resource_type: 'user', name: p.name, email: p.email } : null;
  };
  const taskRecord = (w: AsanaWorld, t: AsanaTask) => ({
    gid: t.gid, resource_type: 'task', resource_subtype: 'default_task', name: t.name, notes: t.notes, completed: t.completed, completed_at: t.completed_at,
    due_on: t.due_on, due_at: t.due_at, created_at: t.created_at, modified_at: t.modified_at,
    assignee: personRecord(w, t.assignee),
    projects: t.projects.map((gid) => w.projects.find((p) => p.gid === gid)!).map((p) => ({ gid: p.gid, resource_type: 'project', name: p.name })),
    workspace: { gid: t.workspace, resource_type: 'workspace', name: w.workspaces.find((ws) => ws.gid === t.workspace)!.name },
    permalink_url: `https://app.asana.com/0/${t.projects[0] ?? '0'}/${t.gid}`,
  });
  const data = (request: MockRequest): Record<string, unknown> | undefined => (isRecord(request.body) && isRecord(request.body.data) ? request.body.data : undefined);
  const assigneeGid = (w: AsanaWorld, value: unknown) => (value === null ? null : value === 'me' ? w.me.gid : w.people.find((p) => p.gid === value)?.gid);

  router.add('GET', '/api/1.0/users/me', (request, _params, { world: w }) => ({
    status: 200,
    body: { data: { ...project({ ...personRecord(w, w.me.gid)!, workspaces: w.workspaces.map((ws) => ({ gid: ws.gid, resource_type: 'workspace', name: ws.name })) }, request.query.get('opt_fields') ?? 'name,email,workspaces.name') } },
  }));
  router.add('GET', '/api/1.0/workspaces', (request, _params, { world: w }) => paged(request, w.workspaces.map((ws) => ({ ...ws, resource_type: 'workspace' })), '/workspaces'));
  router.add('GET', '/api/1.0/projects', (request, _params, { world: w }) => {
    const workspace = request.query.get('workspace');
    if (workspace && !w.workspaces.some((ws) => ws.gid === workspace)) return asanaError(400, `workspace: Not a recognized ID: ${workspace}`);
    const archived = request.query.get('archived');
    const list = w.projects.filter((p) => (!workspace || p.workspace === workspace) && (archived === null || String(p.archived) === archived));
    return paged(request, list.map((p) => ({ gid: p.gid, resource_type: 'project', name: p.name, archived: p.archived, team: p.team ? { ...p.team, resource_type: 'team' } : null, permalink_url: `https://app.asana.com/0/${p.gid}/list`, workspace: { gid: p.workspace, resource_type: 'workspace' } })), '/projects');
  });
  router.add('GET', '/api/1.0/tasks', (request, _params, { world: w }) => {
    const assignee = request.query.get('assignee');
    const workspace = request.query.get('workspace');
    const projectGid = request.query.get('project');
    if (!projectGid && !(assignee && workspace)) return asanaError(400, 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace');
    if (workspace && !w.workspaces.some((ws) => ws.gid === workspace)) return asanaError(400, `workspace: Not a recognized ID: ${workspace}`);
    const since = request.query.get('completed_since');
    const sinceTime = since === null ? undefined : since === 'now' ? context.now().getTime() : Date.parse(since);
    if (sinceTime !== undefined && Number.isNaN(sinceTime)) return asanaError(400, `completed_since: Not a valid date-time: ${since}`);
    const who = assignee ? assigneeGid(w, assignee) : undefined;
    const list = w.tasks.filter((t) => (!projectGid || t.projects.includes(projectGid)) && (!workspace || t.workspace === workspace) && (!assignee || t.assignee === who)
      && (sinceTime === undefined || !t.completed || (t.completed_at !== null && Date.parse(t.completed_at) >= sinceTime)));
    return paged(request, list.map((t) => taskRecord(w, t)), '/tasks');
  });
  router.add('POST', '/api/1.0/tasks', (request, _params, { world: w, random }) => {
    const input = data(request);
    if (!input) return asanaError(400, 'data: Missing input');
    const projects = Array.isArray(input.projects) ? input.projects.map(String) : [];
    for (const gid of projects) if (!w.projects.some((p) => p.gid === gid)) return asanaError(400, `projects: [0]: Not a recognized ID: ${gid}`);
    const workspace = typeof input.workspace === 'string' ? input.workspace : w.projects.find((p) => p.gid === projects[0])?.workspace;
    if (!workspace) return asanaError(400, 'workspace: Missing input');
    if (!w.workspaces.some((ws) => ws.gid === workspace)) return asanaError(400, `workspace: Not a recognized ID: ${workspace}`);
    const assignee = input.assignee === undefined ? null : assigneeGid(w, input.assignee);
    if (assignee === undefined) return asanaError(400, `assignee: Not a recognized ID: ${String(input.assignee)}`);
    const task: AsanaTask = {
      gid: `120${random.digits(13)}`, name: typeof input.name === 'string' ? input.name : '', notes: typeof input.notes === 'string' ? input.notes : '', workspace, projects, assignee,
      completed: false, completed_at: null, due_on: typeof input.due_on === 'string' ? input.due_on : null, due_at: null, created_at: now(), modified_at: now(), stories: [],
    };
    w.tasks.push(task);
    return { status: 201, body: { data: project(taskRecord(w, task), request.query.get('opt_fields')) } };
  });
  router.add('GET', '/api/1.0/tasks/:gid', (request, params, { world: w }) => {
    const task = w.tasks.find((t) => t.gid === params.gid);
    return task ? { status: 200, body: { data: project(taskRecord(w, task), request.query.get('opt_fields')) } } : asanaError(404, `task: Unknown object: ${params.gid}`);
  });
  router.add('PUT', '/api/1.0/tasks/:gid', (request, params, { world: w }) => {
    const task = w.tasks.find((t) => t.gid === params.gid);
    if (!task) return asanaError(404, `task: Unknown object: ${params.gid}`);
    const input = data(request);
    if (!input) return asanaError(400, 'data: Missing input');
    if (input.assignee !== undefined) {
      const assignee = assigneeGid(w, input.assignee);
      if (assignee === undefined) return asanaError(400, `assignee: Not a recognized ID: ${String(input.assignee)}`);
      task.assignee = assignee;
    }
    if (typeof input.completed === 'boolean') {
      task.completed = input.completed;
      task.completed_at = input.completed ? now() : null;
    }
    if (typeof input.name === 'string') task.name = input.name;
    if (typeof input.notes === 'string') task.notes = input.notes;
    if (input.due_on === null || typeof input.due_on === 'string') task.due_on = input.due_on as string | null;
    task.modified_at = now();
    return { status: 200, body: { data: project(taskRecord(w, task), request.query.get('opt_fields')) } };
  });
  router.add('POST', '/api/1.0/tasks/:gid/stories', (request, params, { world: w, random }) => {
    const task = w.tasks.find((t) => t.gid === params.gid);
    if (!task) return asanaError(404, `task: Unknown object: ${params.gid}`);
    const input = data(request);
    if (!input || typeof input.text !== 'string' || input.text === '') return asanaError(400, 'text: Missing input');
    const story = { gid: `120${random.digits(13)}`, text: input.text, created_at: now(), created_by: w.me.gid };
    task.stories.push(story);
    const record = { gid: story.gid, resource_type: 'story', resource_subtype: 'comment_added', type: 'comment', text: story.text, created_at: story.created_at, created_by: personRecord(w, story.created_by) };
    return { status: 201, body: { data: project(record, request.query.get('opt_fields') ?? 'text,created_at,created_by,resource_subtype,type') } };
  });

  return {
    state: { world: (sub) => load(sub).world },
    failure: (status) => (status === 429 ? { ...asanaError(429, 'You have made too many requests recently. Please, be chill.'), headers: { 'retry-after': '1' } } : asanaError(status, 'Server Error')),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: asanaError(401, 'Not Authorized') };
      const sub = auth.token.sub;
      const match = router.match(request.method, request.path.replace(/\/+$/, '') || '/');
      if (match.kind !== 'found') return { response: asanaError(404, 'Not Found'), sub };
      return { response: await match.handler(request, match.params, load(sub)), sub };
    },
  };
}
