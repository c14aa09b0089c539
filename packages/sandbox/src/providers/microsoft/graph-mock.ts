import { authenticate, bearerToken, createRouter, intParam, isRecord, mockUser, seededRandom, seedTime, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import { graphSeed, graphTime, iso, type GraphStore } from './graph-seed.ts';

export interface GraphMockState {
  /** Mails sent through `sendMail`, replies through `reply`/`replyAll`, in order. */
  sent: Array<{ sub: string; message: Record<string, unknown> }>;
  replies: Array<{ sub: string; messageId: string; comment: string; replyAll: boolean }>;
  /** Events created through `POST /me/events`. */
  created: Array<{ sub: string; event: Record<string, unknown> }>;
  /** Files uploaded through `PUT …:/content`. */
  uploads: Array<{ sub: string; name: string; content: string }>;
  /** Messages posted in channels and chats. */
  posted: Array<{ sub: string; where: string; body: unknown }>;
  store(sub: string): GraphStore;
}

/** Graph's error shape: `{ error: { code, message, innerError } }`. */
export function graphError(status: number, code: string, message: string): MockResponse {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': '00000000-0000-4000-8000-000000000000', 'client-request-id': '00000000-0000-4000-8000-000000000000' } } } };
}

const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const badRequest = (message: string) => graphError(400, 'BadRequest', message);

/** `$select=a,b` applied to a resource (Graph always keeps `id`). */
function selected(resource: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return resource;
  const wanted = new Set(select.split(',').map((s) => s.trim()).filter(Boolean));
  return Object.fromEntries(Object.entries(resource).filter(([key]) => key === 'id' || key.startsWith('@odata') || wanted.has(key)));
}

const textOf = (body: unknown): string => (isRecord(body) && typeof body.content === 'string' ? body.content : '');

/**
 * Microsoft Graph v1.0 for one person (`/v1.0/me/…`): mail (list, search, get, sendMail, reply),
 * calendar (calendarView, create, update, getSchedule), OneDrive (children, search, get, content,
 * upload by path) and Teams (joinedTeams, channels, channel messages, chats, chat messages), over a
 * small seeded tenant. Answers and errors in Graph's shapes; times in UTC.
 */
export function createGraphMock(context: MockProviderContext): MockProvider<GraphMockState> {
  const stores = new Map<string, GraphStore>();
  const store = (sub: string): GraphStore => {
    let found = stores.get(sub);
    if (!found) stores.set(sub, (found = graphSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'graph', sub), seedTime(context))));
    return found;
  };
  const state: GraphMockState = { sent: [], replies: [], created: [], uploads: [], posted: [], store };
  const router = createRouter<{ s: GraphStore; sub: string }>();
  const V = '/v1.0';

  // --- identity
  router.add('GET', `${V}/me`, (request, _p, { s }) => ({ status: 200, body: selected({ id: s.userId, displayName: s.user.name, mail: s.user.email, userPrincipalName: s.user.email, givenName: s.user.firstName, surname: s.user.lastName }, request.query.get('$select')) }));

  // --- mail
  function messageResource(m: GraphStore['messages'][number], prefer: string | undefined) {
    const { text, parentFolderId: _folder, ...rest } = m;
    const html = !/outlook\.body-content-type="?text"?/i.test(prefer ?? '');
    return { ...rest, bodyPreview: text.replace(/\s+/g, ' ').slice(0, 255), body: html ? { contentType: 'html', content: `<html><body>${text.split('\n').map((l) => `<p>${l}</p>`).join('')}</body></html>` } : { contentType: 'text', content: text } };
  }
  function listMessages(request: MockRequest, s: GraphStore, folder: string | undefined): MockResponse {
    const q = request.query;
    const search = q.get('$search');
    const filter = q.get('$filter');
    if (search && (filter || q.get('$orderby') || q.get('$skip'))) return badRequest('Query option \'$search\' is not allowed together with $filter, $orderby or $skip.');
    if (filter && filter !== 'isRead eq false' && filter !== 'isRead eq true') return badRequest(`Invalid filter clause: ${filter}`);
    if (folder && !s.messages.some((m) => m.parentFolderId === folder) && !['inbox', 'sentitems', 'drafts', 'archive', 'deleteditems', 'junkemail'].includes(folder)) return notFound();
    const words = (search ?? '').replace(/^"|"$/g, '').toLowerCase().split(/\s+/).filter(Boolean);
    let list = s.messages.filter((m) => (!folder || m.parentFolderId === folder)
      && (!filter || m.isRead === filter.endsWith('true'))
      && words.every((w) => {
        const [field, value] = w.includes(':') ? w.split(':', 2) as [string, string] : ['', w];
        if (field === 'from') return JSON.stringify(m.from).toLowerCase().includes(value);
        if (field === 'subject') return m.subject.toLowerCase().includes(value);
        if (field === 'isread') return String(m.isRead) === value;
        return `${m.subject} ${m.text} ${JSON.stringify(m.from)}`.toLowerCase().includes(value);
      }));
    list = [...list].sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
    const top = intParam(q.get('$top'), 10, 1, 1000);
    const skip = intParam(q.get('$skip'), 0, 0, 1_000_000);
    const page = list.slice(skip, skip + top);
    const more = skip + top < list.length;
    return { status: 200, body: {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${s.userId}')/messages`,
      ...(more ? { '@odata.nextLink': `https://graph.microsoft.com/v1.0/me/messages?$top=${top}&$skip=${skip + top}` } : {}),
      value: page.map((m) => selected(messageResource(m, undefined), q.get('$select'))),
    } };
  }
  router.add('GET', `${V}/me/messages`, (request, _p, { s }) => listMessages(request, s, undefined));
  router.add('GET', `${V}/me/mailFolders/:folder/messages`, (request, p, { s }) => listMessages(request, s, p.folder!.toLowerCase()));
  router.add('GET', `${V}/me/messages/:id`, (request, p, { s }) => {
    const m = s.messages.find((x) => x.id === p.id);
    const prefer = request.headers.prefer;
    return m ? { status: 200, body: selected(messageResource(m, Array.isArray(prefer) ? prefer.join(',') : prefer), request.query.get('$select')) } : notFound();
  });
  router.add('POST', `${V}/me/sendMail`, (request, _p, { sub }) => {
    const message = isRecord(request.body) && isRecord(request.body.message) ? request.body.message : undefined;
    const to = Array.isArray(message?.toRecipients) ? message.toRecipients : [];
    if (!message || to.length === 0) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    state.sent.push({ sub, message });
    return { status: 202 };
  });
  for (const action of ['reply', 'replyAll'] as const) {
    router.add('POST', `${V}/me/messages/:id/${action}`, (request, p, { s, sub }) => {
      if (!s.messages.some((m) => m.id === p.id)) return notFound();
      const comment = isRecord(request.body) && typeof request.body.comment === 'string' ? request.body.comment : '';
      state.replies.push({ sub, messageId: p.id!, comment, replyAll: action === 'replyAll' });
      return { status: 202 };
    });
  }

  // --- calendar
  router.add('GET', `${V}/me/calendar`, (request, _p, { s }) => ({ status: 200, body: selected({ id: 'AAMkAGI2TGuLAAA=', name: 'Calendar', owner: { name: s.user.name, address: s.user.email } }, request.query.get('$select')) }));
  router.add('GET', `${V}/me/calendarView`, (request, _p, { s }) => {
    const from = Date.parse(request.query.get('startDateTime') ?? '');
    const to = Date.parse(request.query.get('endDateTime') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) return graphError(400, 'ErrorInvalidParameter', "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
    const top = intParam(request.query.get('$top'), 10, 1, 1000);
    const inRange = s.events.filter((e) => Date.parse(`${e.end.dateTime}Z`) > from && Date.parse(`${e.start.dateTime}Z`) < to);
    return { status: 200, body: { value: inRange.slice(0, top).map((e) => selected(e, request.query.get('$select'))), ...(inRange.length > top ? { '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/calendarView?$skip=' + top } : {}) } };
  });
  const toGraphTime = (value: unknown): { dateTime: string; timeZone: string } | undefined => {
    if (!isRecord(value) || typeof value.dateTime !== 'string') return undefined;
    const ms = Date.parse(value.timeZone === 'UTC' || !value.timeZone ? `${value.dateTime.replace(/Z$/, '')}Z` : value.dateTime);
    return Number.isNaN(ms) ? undefined : { dateTime: graphTime(ms), timeZone: 'UTC' };
  };
  function applyEvent(target: Record<string, unknown>, body: Record<string, unknown>): MockResponse | undefined {
    for (const edge of ['start', 'end'] as const) {
      if (body[edge] === undefined) continue;
      const time = toGraphTime(body[edge]);
      if (!time) return graphError(400, 'ErrorInvalidRequest', `Your request can't be completed. The ${edge} time is not valid.`);
      target[edge] = time;
    }
    if (typeof body.subject === 'string') target.subject = body.subject;
    if (isRecord(body.location)) target.location = body.location;
    if (isRecord(body.body)) target.bodyPreview = textOf(body.body).slice(0, 255);
    if (Array.isArray(body.attendees)) target.attendees = body.attendees.map((a) => ({ ...(a as object), status: { response: 'none', time: '0001-01-01T00:00:00Z' } }));
    if (body.isOnlineMeeting === true) target.onlineMeeting = { joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${String(target.id).slice(8, 30)}%40thread.v2/0` };
    const start = target.start as { dateTime: string } | undefined;
    const end = target.end as { dateTime: string } | undefined;
    if (start && end && end.dateTime < start.dateTime) return graphError(400, 'ErrorInvalidRequest', "Your request can't be completed. The end time must be after the start time.");
    return undefined;
  }
  router.add('POST', `${V}/me/events`, (request, _p, { s, sub }) => {
    if (!isRecord(request.body)) return badRequest('Empty Payload. JSON content expected.');
    if (request.body.start === undefined || request.body.end === undefined) return graphError(400, 'ErrorInvalidRequest', "Your request can't be completed. Start and end are required.");
    const event: Record<string, unknown> = { id: `AAMkAGI2${s.random.alnum(40)}AAA=`, subject: '', isAllDay: false, isCancelled: false, showAs: 'busy', organizer: { emailAddress: { name: s.user.name, address: s.user.email } }, attendees: [], location: { displayName: '' }, bodyPreview: '', onlineMeeting: null, webLink: `https://outlook.office365.com/owa/?itemid=${s.random.alnum(20)}&exvsurl=1&path=/calendar/item` };
    const problem = applyEvent(event, request.body);
    if (problem) return problem;
    s.events.push(event as GraphStore['events'][number]);
    state.created.push({ sub, event });
    return { status: 201, body: event };
  });
  router.add('PATCH', `${V}/me/events/:id`, (request, p, { s }) => {
    const event = s.events.find((e) => e.id === p.id);
    if (!event) return notFound();
    if (!isRecord(request.body)) return badRequest('Empty Payload. JSON content expected.');
    const copy = structuredClone(event) as Record<string, unknown>;
    const problem = applyEvent(copy, request.body);
    if (problem) return problem;
    Object.assign(event, copy);
    return { status: 200, body: event };
  });
  router.add('POST', `${V}/me/calendar/getSchedule`, (request, _p, { s }) => {
    const body = isRecord(request.body) ? request.body : {};
    const schedules = Array.isArray(body.schedules) ? body.schedules.filter((x): x is string => typeof x === 'string') : [];
    const start = toGraphTime(body.startTime);
    const end = toGraphTime(body.endTime);
    if (schedules.length === 0 || !start || !end) return graphError(400, 'ErrorInvalidParameter', 'Schedules, StartTime and EndTime are required.');
    const from = Date.parse(`${start.dateTime}Z`);
    const to = Date.parse(`${end.dateTime}Z`);
    const value = schedules.map((id) => {
      const own = id.toLowerCase() === s.user.email.toLowerCase();
      const known = own || s.user.colleagues.some((c) => c.email.toLowerCase() === id.toLowerCase());
      if (!known) return { scheduleId: id, availabilityView: '', error: { message: 'The user or resource is not found.', responseCode: 'ErrorMailRecipientNotFound' } };
      // A colleague shares the events they attend; the user has all of theirs.
      const events = s.events.filter((e) => own || JSON.stringify(e.attendees ?? []).toLowerCase().includes(id.toLowerCase()) || JSON.stringify(e.organizer ?? {}).toLowerCase().includes(id.toLowerCase()));
      const items = events.filter((e) => Date.parse(`${e.end.dateTime}Z`) > from && Date.parse(`${e.start.dateTime}Z`) < to)
        .map((e) => ({ isPrivate: false, status: String(e.showAs ?? 'busy'), subject: own ? e.subject : undefined, start: e.start, end: e.end }));
      return { scheduleId: id, availabilityView: '', scheduleItems: items };
    });
    return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value } };
  });

  // --- OneDrive
  const itemResource = (s: GraphStore, item: GraphStore['items'][number]) => {
    const parentPath = (id: string | null): string => {
      if (id === null || id === s.rootId) return '/drive/root:';
      const parent = s.items.find((x) => x.id === id);
      return parent ? `${parentPath(parent.parentId)}/${encodeURIComponent(parent.name)}` : '/drive/root:';
    };
    return {
      id: item.id,
      name: item.name,
      size: item.folder ? 0 : Buffer.byteLength(item.content ?? ''),
      lastModifiedDateTime: item.modified,
      webUrl: `https://${s.user.company.org}-my.sharepoint.com/personal/${s.user.login}/Documents/${encodeURIComponent(item.name)}`,
      ...(item.folder ? { folder: { childCount: s.items.filter((x) => x.parentId === item.id).length } } : { file: { mimeType: item.mimeType ?? 'application/octet-stream' } }),
      parentReference: { id: item.parentId ?? s.rootId, path: parentPath(item.parentId) },
    };
  };
  const children = (request: MockRequest, s: GraphStore, parentId: string): MockResponse => {
    if (parentId !== s.rootId && !s.items.some((x) => x.id === parentId && x.folder)) return graphError(404, 'itemNotFound', 'The resource could not be found.');
    const top = intParam(request.query.get('$top'), 200, 1, 1000);
    return { status: 200, body: { value: s.items.filter((x) => x.parentId === parentId).slice(0, top).map((x) => selected(itemResource(s, x), request.query.get('$select'))) } };
  };
  router.add('GET', `${V}/me/drive`, (_r, _p, { s }) => ({ status: 200, body: { id: `b!${s.random.alnum(20)}`, driveType: 'business', owner: { user: { displayName: s.user.name } }, quota: { total: 1_099_511_627_776, used: 4096, remaining: 1_099_511_623_680, state: 'normal' } } }));
  router.add('GET', `${V}/me/drive/root/children`, (request, _p, { s }) => children(request, s, s.rootId));
  router.add('GET', `${V}/me/drive/items/:id/children`, (request, p, { s }) => children(request, s, p.id!));
  router.add('GET', `${V}/me/drive/root/:fn`, (request, p, { s }) => {
    const m = /^search\(q='((?:[^']|'')*)'\)$/.exec(p.fn!);
    if (!m) return graphError(400, 'invalidRequest', 'Invalid request');
    const words = m[1]!.replace(/''/g, "'").toLowerCase().split(/\s+/).filter(Boolean);
    const hits = s.items.filter((x) => words.every((w) => `${x.name} ${x.content ?? ''}`.toLowerCase().includes(w)));
    const top = intParam(request.query.get('$top'), 200, 1, 1000);
    return { status: 200, body: { value: hits.slice(0, top).map((x) => selected(itemResource(s, x), request.query.get('$select'))) } };
  });
  router.add('GET', `${V}/me/drive/items/:id`, (request, p, { s }) => {
    const item = s.items.find((x) => x.id === p.id);
    return item ? { status: 200, body: selected(itemResource(s, item), request.query.get('$select')) } : graphError(404, 'itemNotFound', 'The resource could not be found.');
  });
  router.add('GET', `${V}/me/drive/items/:id/content`, (_r, p, { s }) => {
    const item = s.items.find((x) => x.id === p.id && !x.folder);
    return item ? { status: 200, text: item.content ?? '', headers: { 'content-type': item.mimeType ?? 'application/octet-stream' } } : graphError(404, 'itemNotFound', 'The resource could not be found.');
  });
  // Path addressing: `/me/drive/root:/{name}:/content` and `/me/drive/items/{parent-id}:/{name}:/content`.
  const upload = (request: MockRequest, s: GraphStore, sub: string, parentId: string, rawName: string): MockResponse => {
    const name = rawName.replace(/:$/, '');
    if (!name || /[\\/:*?"<>|]/.test(name)) return graphError(400, 'invalidRequest', 'The provided name is not valid.');
    if (parentId !== s.rootId && !s.items.some((x) => x.id === parentId && x.folder)) return graphError(404, 'itemNotFound', 'The resource could not be found.');
    const content = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : JSON.stringify(request.body);
    const behavior = request.query.get('@microsoft.graph.conflictBehavior') ?? 'replace';
    const existing = s.items.find((x) => x.parentId === parentId && x.name.toLowerCase() === name.toLowerCase());
    if (existing && behavior === 'fail') return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    state.uploads.push({ sub, name, content });
    const modified = iso(context.now().getTime());
    if (existing && behavior === 'replace') {
      Object.assign(existing, { content, modified, mimeType: request.contentType || existing.mimeType });
      return { status: 200, body: itemResource(s, existing) };
    }
    const item = { id: `01${s.random.alnum(32).toUpperCase()}`, name: existing ? `${name.replace(/(\.[^.]*)?$/, ' 1$1')}` : name, parentId, folder: false, mimeType: request.contentType || 'application/octet-stream', content, modified };
    s.items.push(item);
    return { status: 201, body: itemResource(s, item) };
  };
  router.add('PUT', `${V}/me/drive/:address/:name/content`, (request, p, { s, sub }) => (p.address === 'root:' ? upload(request, s, sub, s.rootId, p.name!) : graphError(400, 'invalidRequest', 'Invalid request')));
  router.add('PUT', `${V}/me/drive/items/:parent/:name/content`, (request, p, { s, sub }) => (p.parent!.endsWith(':') ? upload(request, s, sub, p.parent!.slice(0, -1), p.name!) : graphError(400, 'invalidRequest', 'Invalid request')));

  // --- Teams
  const findTeam = (s: GraphStore, id: string | undefined) => s.teams.find((t) => t.id === id);
  const teamNotFound = (id: string | undefined) => graphError(404, 'NotFound', `No team found with Group Id ${id}`);
  const chatMessage = (s: GraphStore, body: unknown, replyToId: string | null) => {
    const created = context.now();
    const content = isRecord(body) && isRecord(body.body) ? body.body : {};
    return { id: String(created.getTime() + s.random.int(0, 999)), replyToId, messageType: 'message', createdDateTime: created.toISOString(), lastModifiedDateTime: created.toISOString(), deletedDateTime: null, subject: null, importance: 'normal', from: { user: { id: s.userId, displayName: s.user.name, userIdentityType: 'aadUser' } }, body: { contentType: content.contentType === 'html' ? 'html' : 'text', content: String(content.content ?? '') }, attachments: [], mentions: [], reactions: [] };
  };
  const postable = (body: unknown) => isRecord(body) && isRecord(body.body) && typeof body.body.content === 'string' && body.body.content !== '';
  router.add('GET', `${V}/me/joinedTeams`, (_r, _p, { s }) => ({ status: 200, body: { '@odata.count': s.teams.length, value: s.teams.map((t) => ({ id: t.id, displayName: t.displayName, description: t.description, isArchived: false })) } }));
  router.add('GET', `${V}/teams/:team/channels`, (request, p, { s }) => {
    const team = findTeam(s, p.team);
    if (!team) return teamNotFound(p.team);
    return { status: 200, body: { value: team.channels.map((c) => selected({ id: c.id, displayName: c.displayName, description: c.description, membershipType: c.membershipType, webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${team.id}` }, request.query.get('$select'))) } };
  });
  const postInChannel = (request: MockRequest, p: Record<string, string>, s: GraphStore, sub: string, replyTo: string | null): MockResponse => {
    const channel = findTeam(s, p.team)?.channels.find((c) => c.id === p.channel);
    if (!channel) return graphError(404, 'NotFound', 'Channel not found.');
    if (!postable(request.body)) return badRequest('Message body cannot be empty.');
    if (replyTo && !channel.messages.some((m) => m.id === replyTo)) return graphError(404, 'NotFound', 'Message not found.');
    const message = chatMessage(s, request.body, replyTo);
    channel.messages.push(message);
    state.posted.push({ sub, where: `${p.team}/${p.channel}`, body: message.body });
    return { status: 201, body: message };
  };
  router.add('POST', `${V}/teams/:team/channels/:channel/messages`, (request, p, { s, sub }) => postInChannel(request, p, s, sub, null));
  router.add('POST', `${V}/teams/:team/channels/:channel/messages/:message/replies`, (request, p, { s, sub }) => postInChannel(request, p, s, sub, p.message!));
  router.add('GET', `${V}/me/chats`, (request, _p, { s }) => {
    const top = intParam(request.query.get('$top'), 20, 1, 50);
    const expand = request.query.get('$expand') === 'members';
    return { status: 200, body: { value: s.chats.slice(0, top).map((c) => ({ id: c.id, topic: c.topic, chatType: c.chatType, lastUpdatedDateTime: String(c.messages.at(-1)?.createdDateTime ?? iso(seedTime(context).getTime())), ...(expand ? { members: c.members.map((name) => ({ displayName: name })) } : {}) })) } };
  });
  router.add('GET', `${V}/chats/:chat/messages`, (request, p, { s }) => {
    const chat = s.chats.find((c) => c.id === p.chat);
    if (!chat) return graphError(404, 'NotFound', 'Chat not found.');
    const top = intParam(request.query.get('$top'), 20, 1, 50);
    const newestFirst = [...chat.messages].sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
    return { status: 200, body: { value: newestFirst.slice(0, top) } };
  });
  router.add('POST', `${V}/chats/:chat/messages`, (request, p, { s, sub }) => {
    const chat = s.chats.find((c) => c.id === p.chat);
    if (!chat) return graphError(403, 'Forbidden', 'User is not part of the chat.');
    if (!postable(request.body)) return badRequest('Message body cannot be empty.');
    const message = chatMessage(s, request.body, null);
    chat.messages.push(message);
    state.posted.push({ sub, where: chat.id, body: message.body });
    return { status: 201, body: message };
  });

  return {
    state,
    failure(status) {
      if (status === 429) return { ...graphError(429, 'TooManyRequests', 'Too many requests.'), headers: { 'retry-after': '1' } };
      if (status === 401) return graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
      if (status >= 500) return graphError(status, status === 503 ? 'serviceNotAvailable' : 'generalException', 'The service is temporarily unavailable.');
      return graphError(status, 'BadRequest', 'The request failed.');
    },
    async handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'not_found') return { response: graphError(400, 'BadRequest', `Resource not found for the segment '${request.path.split('/').pop()}'.`) };
      if (match.kind === 'method_not_allowed') return { response: graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.') };
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') {
        return { response: graphError(401, 'InvalidAuthenticationToken', auth.kind === 'missing' ? 'Access token is empty.' : 'Access token has expired or is not yet valid.') };
      }
      const sub = auth.token.sub;
      return { response: await match.handler(request, match.params, { s: store(sub), sub }), sub };
    },
  };
}
