import { authenticate, createGraphqlEndpoint, graphqlFailure, mockUser, seededRandom, seedTime, type MockProvider, type MockProviderContext, type MockResponse } from '../../mock-api/index.ts';
import { LINEAR_SDL } from './linear-schema.ts';
import { linearSeed, linearUuid, type LinearIssue, type LinearTeam, type LinearWorkspace } from './linear-seed.ts';

export interface LinearMockState {
  workspace(sub: string): LinearWorkspace;
}

const PRIORITY_LABELS = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];
const endpoint = createGraphqlEndpoint({ sdl: LINEAR_SDL, invalidDocumentStatus: 400 });

/** Linear's error body: `{ errors: [{ message, extensions: { code, userPresentableMessage } }] }`. */
const linearError = (status: number, message: string, code: string, userPresentableMessage: string): MockResponse => ({ status, body: { errors: [{ message, extensions: { code, type: code.toLowerCase().replace(/_/g, ' '), userError: status < 500, userPresentableMessage } }] } });
const notFound = (what: string) => graphqlFailure(`Entity not found: ${what}`, { code: 'ENTITY_NOT_FOUND', userError: true, userPresentableMessage: `Could not find referenced ${what}.` });
const invalidInput = (message: string) => graphqlFailure('Argument Validation Error', { code: 'INVALID_INPUT', userError: true, userPresentableMessage: message });

/** A page of `items` after the cursor `after` (the last item's id, as Linear's cursors name the node). */
function page<T extends { id: string }>(items: T[], args: { first?: number | null; after?: string | null }) {
  const start = args.after ? items.findIndex((item) => item.id === args.after) + 1 : 0;
  if (args.after && start === 0) throw invalidInput('The cursor is not valid.');
  const first = Math.min(Math.max(args.first ?? 50, 1), 250);
  const nodes = items.slice(start, start + first);
  return { nodes, pageInfo: { hasNextPage: start + first < items.length, hasPreviousPage: start > 0, startCursor: nodes[0]?.id ?? null, endCursor: nodes.at(-1)?.id ?? null } };
}

interface StringComparator { eq?: string | null; neq?: string | null; in?: string[] | null; nin?: string[] | null }
const compares = (value: string, c: StringComparator | null | undefined) =>
  !c || ((c.eq == null || value === c.eq) && (c.neq == null || value !== c.neq) && (c.in == null || c.in.includes(value)) && (c.nin == null || !c.nin.includes(value)));

/** Linear's GraphQL API (`https://api.linear.app/graphql`): viewer, workspace, teams and their workflow states, issues (assigned, search, create, update) and comments. */
export function createLinearMock(context: MockProviderContext): MockProvider<LinearMockState> {
  const workspaces = new Map<string, LinearWorkspace>();
  /** Ids of what a user creates come from one sequence per user, so they never repeat. */
  const randoms = new Map<string, ReturnType<typeof seededRandom>>();
  const randomFor = (sub: string) => {
    let r = randoms.get(sub);
    if (!r) randoms.set(sub, (r = seededRandom(context.seed, 'linear-created', sub)));
    return r;
  };
  const workspace = (sub: string): LinearWorkspace => {
    let w = workspaces.get(sub);
    if (!w) workspaces.set(sub, (w = linearSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'linear', sub), seedTime(context))));
    return w;
  };

  function root(w: LinearWorkspace, random: ReturnType<typeof seededRandom>) {
    const now = () => context.now().toISOString();
    const teamOf = (id: string) => w.teams.find((t) => t.id === id)!;
    const stateView = (t: LinearTeam) => (args: { first?: number; after?: string; filter?: { type?: StringComparator; name?: StringComparator } | null }) =>
      page(t.states.filter((s) => compares(s.type, args.filter?.type) && compares(s.name, args.filter?.name)), args);
    const teamView = (t: LinearTeam) => ({ id: t.id, key: t.key, name: t.name, description: t.description, states: stateView(t) });
    const personView = (id: string | null) => {
      const p = w.people.find((person) => person.id === id);
      return p ? { ...p, assignedIssues: assigned(p.id) } : null;
    };
    const issueView = (issue: LinearIssue) => {
      const team = teamOf(issue.teamId);
      const identifier = `${team.key}-${issue.number}`;
      return {
        id: issue.id, identifier, title: issue.title, description: issue.description,
        url: `https://linear.app/${w.organization.urlKey}/issue/${identifier}/${issue.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
        priority: issue.priority, priorityLabel: PRIORITY_LABELS[issue.priority] ?? 'No priority', dueDate: issue.dueDate,
        createdAt: issue.createdAt, updatedAt: issue.updatedAt,
        state: team.states.find((s) => s.id === issue.stateId)!, team: teamView(team), assignee: () => personView(issue.assigneeId),
      };
    };
    const byUpdated = (issues: LinearIssue[], orderBy?: string | null) => [...issues].sort((a, b) => (orderBy === 'createdAt' ? b.createdAt.localeCompare(a.createdAt) : b.updatedAt.localeCompare(a.updatedAt)));
    const stateType = (issue: LinearIssue) => teamOf(issue.teamId).states.find((s) => s.id === issue.stateId)!.type;
    function assigned(personId: string) {
      return (args: { first?: number; after?: string; orderBy?: string; filter?: { state?: { type?: StringComparator } | null } | null }) => {
        const mine = w.issues.filter((i) => i.assigneeId === personId && compares(stateType(i), args.filter?.state?.type));
        return page(byUpdated(mine, args.orderBy).map(issueView), args);
      };
    }
    /** An issue by UUID or by identifier (`ENG-12`), as Linear's `issue(id:)` takes both. */
    const findIssue = (id: string) => w.issues.find((i) => i.id === id || `${teamOf(i.teamId).key}-${i.number}`.toLowerCase() === id.toLowerCase());
    const checkIds = (input: { stateId?: string | null; assigneeId?: string | null }, team: LinearTeam) => {
      if (input.stateId != null && !team.states.some((s) => s.id === input.stateId)) throw invalidInput("stateId must be a workflow state of the issue's team.");
      if (input.assigneeId != null && !w.people.some((p) => p.id === input.assigneeId)) throw invalidInput('assigneeId must be a user of the workspace.');
    };
    let syncId = 1000;

    return {
      viewer: () => personView(w.viewer.id),
      organization: w.organization,
      teams: (args: { first?: number; after?: string }) => page(w.teams.map(teamView), args),
      issue: ({ id }: { id: string }) => {
        const issue = findIssue(id);
        if (!issue) throw notFound('Issue');
        return issueView(issue);
      },
      searchIssues: (args: { term: string; first?: number; after?: string; teamId?: string | null }) => {
        const words = args.term.toLowerCase().split(/\s+/).filter(Boolean);
        const hits = w.issues.filter((i) => (!args.teamId || i.teamId === args.teamId) && words.every((word) => `${teamOf(i.teamId).key}-${i.number} ${i.title} ${i.description ?? ''}`.toLowerCase().includes(word)));
        return { ...page(byUpdated(hits).map(issueView), args), totalCount: hits.length };
      },
      issueCreate: ({ input }: { input: { teamId: string; title?: string | null; description?: string | null; priority?: number | null; assigneeId?: string | null; stateId?: string | null; dueDate?: string | null } }) => {
        const team = w.teams.find((t) => t.id === input.teamId);
        if (!team) throw invalidInput('teamId must be a valid team.');
        checkIds(input, team);
        if (input.priority != null && (input.priority < 0 || input.priority > 4)) throw invalidInput('priority must be between 0 and 4.');
        const issue: LinearIssue = {
          id: linearUuid(random), number: team.nextNumber++, teamId: team.id, title: input.title ?? '', description: input.description ?? null, priority: input.priority ?? 0,
          stateId: input.stateId ?? team.states.find((s) => s.type === 'unstarted')!.id, assigneeId: input.assigneeId ?? null, dueDate: input.dueDate ?? null, createdAt: now(), updatedAt: now(), comments: [],
        };
        w.issues.push(issue);
        return { success: true, lastSyncId: ++syncId, issue: issueView(issue) };
      },
      issueUpdate: ({ id, input }: { id: string; input: { title?: string | null; description?: string | null; priority?: number | null; assigneeId?: string | null; stateId?: string | null; dueDate?: string | null } }) => {
        const issue = findIssue(id);
        if (!issue) throw notFound('Issue');
        checkIds(input, teamOf(issue.teamId));
        for (const key of ['title', 'description', 'priority', 'assigneeId', 'stateId', 'dueDate'] as const) if (input[key] !== undefined) (issue as unknown as Record<string, unknown>)[key] = input[key];
        issue.updatedAt = now();
        return { success: true, lastSyncId: ++syncId, issue: issueView(issue) };
      },
      commentCreate: ({ input }: { input: { issueId?: string | null; body?: string | null } }) => {
        const issue = input.issueId ? findIssue(input.issueId) : undefined;
        if (!issue) throw notFound('Issue');
        if (!input.body) throw invalidInput('body must not be empty.');
        const comment = { id: linearUuid(random), body: input.body, createdAt: now() };
        issue.comments.push(comment);
        issue.updatedAt = comment.createdAt;
        return { success: true, lastSyncId: ++syncId, comment: { ...comment, url: `${issueView(issue).url}#comment-${comment.id.slice(0, 8)}` } };
      },
    };
  }

  return {
    state: { workspace },
    failure: (status) => (status === 429 ? { ...linearError(429, 'Rate limit exceeded', 'RATELIMITED', 'You have exceeded the API rate limit.'), headers: { 'retry-after': '1' } } : linearError(status, 'Internal server error', 'INTERNAL_SERVER_ERROR', 'Something went wrong.')),
    async handle(request) {
      // OAuth tokens come as `Bearer …`; Linear also takes a key without the scheme.
      const header = String(request.headers.authorization ?? '');
      const auth = await authenticate(header.replace(/^Bearer\s+/i, '') || undefined, context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: linearError(401, 'Authentication required, not authenticated', 'AUTHENTICATION_ERROR', 'You need to authenticate to access this operation.') };
      const sub = auth.token.sub;
      if (request.path.replace(/\/+$/, '') !== '/graphql') return { response: { status: 404, body: { errors: [{ message: 'Not found' }] } }, sub };
      const w = workspace(sub);
      return { response: await endpoint(request, root(w, randomFor(sub))), sub };
    },
  };
}
