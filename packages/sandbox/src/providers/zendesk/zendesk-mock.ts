import { authenticate, bearerToken, createRouter, isRecord, mockUser, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse } from '../../mock-api/index.ts';

export interface ZendeskComment { id: number; type: 'Comment'; author_id: number; body: string; plain_body: string; html_body: string; public: boolean; created_at: string; attachments: [] }
export interface ZendeskTicket { id: number; subject: string; description: string; status: string; priority: string | null; type: string | null; requester_id: number; assignee_id: number | null; tags: string[]; created_at: string; updated_at: string; comments: ZendeskComment[] }

export interface ZendeskMockState {
  tickets(sub: string): ZendeskTicket[];
}

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const AGENT_ID = 29;
const recordNotFound = (): MockResponse => ({ status: 404, body: { error: 'RecordNotFound', description: 'Not found' } });
const invalid = (field: string, description: string): MockResponse => ({ status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors', details: { [field]: [{ description, error: 'InvalidValue' }] } } });

function comment(id: number, body: string, isPublic: boolean, at: string, author = AGENT_ID): ZendeskComment {
  return { id, type: 'Comment', author_id: author, body, plain_body: body, html_body: `<p>${body.replace(/[<>&]/g, '')}</p>`, public: isPublic, created_at: at, attachments: [] };
}

function seed(): ZendeskTicket[] {
  const at = '2026-02-20T09:12:00Z';
  const ticket = (id: number, subject: string, description: string, status: string, tags: string[]): ZendeskTicket => ({ id, subject, description, status, priority: 'normal', type: 'question', requester_id: 20978392, assignee_id: AGENT_ID, tags, created_at: at, updated_at: at, comments: [comment(id * 10, description, true, at, 20978392)] });
  return [
    ticket(35436, 'Refund for order 1042', 'I was charged twice for order 1042.', 'open', ['billing', 'refund']),
    ticket(35437, 'Cannot log in', 'The password reset mail never arrives.', 'pending', ['login']),
    ticket(35438, 'Printer on fire', 'The printer in room 3 is on fire.', 'solved', ['hardware']),
  ];
}

/** `35436.json` → 35436, as Zendesk's paths name a ticket. */
const ticketNumber = (segment: string | undefined) => (segment && /^\d+\.json$/.test(segment) ? Number(segment.slice(0, -5)) : undefined);

/** Zendesk Support's tickets, comments and search for one sandbox account per user. */
export function createZendeskMock(context: MockProviderContext): MockProvider<ZendeskMockState> {
  const accounts = new Map<string, ZendeskTicket[]>();
  const tickets = (sub: string) => {
    let found = accounts.get(sub);
    if (!found) accounts.set(sub, (found = seed()));
    return found;
  };
  let nextId = 35450;
  let nextComment = 90000;
  const now = () => context.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const view = ({ comments: _c, ...ticket }: ZendeskTicket, origin: string) => ({ url: `${origin}/zendesk/api/v2/tickets/${ticket.id}.json`, ...ticket });
  const router = createRouter<{ sub: string }>();

  router.add('GET', '/api/v2/users/me.json', (_r, _p, { sub }) => {
    const user = mockUser(context.seed, sub);
    return { status: 200, body: { user: { id: AGENT_ID, name: user.name, email: user.email, role: 'admin', active: true } } };
  });
  router.add('GET', '/api/v2/search.json', (request, _p, { sub }) => {
    const terms = (request.query.get('query') ?? '').split(/\s+/).filter(Boolean);
    if (!terms.includes('type:ticket')) return { status: 422, body: { error: 'InvalidSearch', description: 'The sandbox searches tickets only (type:ticket)' } };
    const status = terms.find((t) => t.startsWith('status:'))?.slice(7);
    const words = terms.filter((t) => !t.includes(':')).map((w) => w.toLowerCase());
    const found = tickets(sub).filter((t) => (!status || t.status === status) && words.every((w) => `${t.subject} ${t.description}`.toLowerCase().includes(w)))
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    const perPage = Math.min(Number(request.query.get('per_page')) || 100, 100);
    const page = Number(request.query.get('page')) || 1;
    const slice = found.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < found.length;
    return { status: 200, body: { results: slice.map((t) => ({ ...view(t, request.origin), result_type: 'ticket' })), facets: null, next_page: more ? `${request.origin}${request.prefix}/api/v2/search.json?page=${page + 1}` : null, previous_page: null, count: found.length } };
  });
  router.add('POST', '/api/v2/tickets.json', (request, _p, { sub }) => {
    const input = isRecord(request.body) && isRecord(request.body.ticket) ? request.body.ticket : undefined;
    const body = input && isRecord(input.comment) && typeof input.comment.body === 'string' ? input.comment.body : '';
    if (!input || !body) return invalid('description', 'Description: cannot be blank');
    const at = now();
    nextId += 1;
    const ticket: ZendeskTicket = {
      id: nextId, subject: typeof input.subject === 'string' ? input.subject : body.slice(0, 50), description: body, status: 'new',
      priority: typeof input.priority === 'string' ? input.priority : null, type: typeof input.type === 'string' ? input.type : null,
      requester_id: isRecord(input.requester) ? 20978500 + nextId % 100 : AGENT_ID, assignee_id: null, tags: Array.isArray(input.tags) ? input.tags.map(String) : [],
      created_at: at, updated_at: at, comments: [comment((nextComment += 1), body, true, at)],
    };
    tickets(sub).push(ticket);
    return { status: 201, body: { ticket: view(ticket, request.origin) } };
  });
  router.add(['GET', 'PUT'], '/api/v2/tickets/:file', (request: MockRequest, { file }, { sub }) => {
    const ticket = tickets(sub).find((t) => t.id === ticketNumber(file));
    if (!ticket) return recordNotFound();
    if (request.method === 'GET') return { status: 200, body: { ticket: view(ticket, request.origin) } };
    const input = isRecord(request.body) && isRecord(request.body.ticket) ? request.body.ticket : undefined;
    if (!input) return { status: 400, body: { error: 'InvalidEndpoint', description: 'The request body needs a ticket' } };
    if (ticket.status === 'closed') return invalid('status', 'Status: closed prevents ticket update');
    if (input.status !== undefined && !STATUSES.includes(String(input.status))) return invalid('status', `Status: ${String(input.status)} is not valid`);
    const at = now();
    if (typeof input.status === 'string') ticket.status = input.status;
    if (isRecord(input.comment) && typeof input.comment.body === 'string') ticket.comments.push(comment((nextComment += 1), input.comment.body, input.comment.public !== false, at));
    ticket.updated_at = at;
    return { status: 200, body: { ticket: view(ticket, request.origin), audit: { id: nextComment + 1, ticket_id: ticket.id, created_at: at, author_id: AGENT_ID, events: [] } } };
  });
  router.add('GET', '/api/v2/tickets/:id/comments.json', (request, { id }, { sub }) => {
    const ticket = tickets(sub).find((t) => String(t.id) === id);
    if (!ticket) return recordNotFound();
    const ordered = request.query.get('sort_order') === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
    const size = Math.min(Number(request.query.get('page[size]')) || 100, 100);
    return { status: 200, body: { comments: ordered.slice(0, size), meta: { has_more: ordered.length > size, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } } };
  });

  return {
    state: { tickets },
    failure: (status) => (status === 429 ? { status, headers: { 'retry-after': '1' }, body: { error: 'APIRateLimitExceeded', description: 'Rate limit exceeded' } } : { status, body: { error: 'ServiceUnavailable', description: 'Zendesk is temporarily unavailable' } }),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: { status: 401, body: { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' } } };
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } }, sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}
