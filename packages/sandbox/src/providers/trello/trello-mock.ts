import { createHash } from 'node:crypto';
import { createRouter, seedTime, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import { createTrelloOAuth1Server, type TrelloGrant, type TrelloOAuth1Server } from './trello-oauth1-server.ts';
import { trelloSeed, type TrelloCard, type TrelloWorkspace } from './trello-seed.ts';

export interface TrelloMockState {
  /** The OAuth 1.0a server: register consumers, mint key+token user tokens, look grants up. */
  oauth: TrelloOAuth1Server;
  /** Cards created and comments made through the API. */
  createdCards: TrelloCard[];
  workspace(username: string): TrelloWorkspace;
}

interface Call {
  ws: TrelloWorkspace;
  grant: TrelloGrant;
}

const ID = /^[0-9a-fA-F]{24}$/;
/** A token's own id (Trello gives each token one), stable per token. */
const tokenIdOf = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 24);
const text = (status: number, message: string): MockResponse => ({ status, text: message });
/** Trello's answer to a token without the scope an action needs. */
const noPermission = () => text(401, 'unauthorized permission requested');
const needs = (call: Call, scope: string) => call.grant.scopes.includes(scope);

function cardResource(card: TrelloCard, ws: TrelloWorkspace) {
  return {
    id: card.id, closed: card.closed, dateLastActivity: card.dateLastActivity, desc: card.desc, due: card.due, dueComplete: card.dueComplete,
    idBoard: card.idBoard, idLabels: card.idLabels, idList: card.idList, idMembers: card.idMembers, idShort: ws.cards.indexOf(card) + 1,
    labels: ws.labels.filter((l) => card.idLabels.includes(l.id)), name: card.name, pos: card.pos, shortLink: card.shortLink,
    shortUrl: `https://trello.com/c/${card.shortLink}`, url: `https://trello.com/c/${card.shortLink}/${ws.cards.indexOf(card) + 1}-${card.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    badges: { comments: ws.comments.filter((c) => c.idCard === card.id).length, description: card.desc !== '', due: card.due, dueComplete: card.dueComplete },
  };
}

/** Where a new or moved card goes in its list: `top`, `bottom` or a position number. */
function position(pos: string | null, cards: TrelloCard[]): number | undefined {
  const positions = cards.map((c) => c.pos);
  if (pos === null || pos === 'bottom') return (positions.length ? Math.max(...positions) : 0) + 16384;
  if (pos === 'top') return (positions.length ? Math.min(...positions) : 16384) / 2;
  const n = Number(pos);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * A stateful Trello REST API (`api.trello.com/1`) and Trello's OAuth 1.0a endpoints under one
 * prefix. API calls are authenticated as Trello does: an OAuth 1.0a signature, or the `key` and
 * `token` query parameters; errors are Trello's short `text/plain` sentences.
 */
export function createTrelloMock(context: MockProviderContext): MockProvider<TrelloMockState> {
  const oauth = createTrelloOAuth1Server();
  const workspaces = new Map<string, TrelloWorkspace>();
  const createdCards: TrelloCard[] = [];
  const workspace = (username: string) => {
    let ws = workspaces.get(username);
    if (!ws) workspaces.set(username, (ws = trelloSeed(context.seed, username, seedTime(context))));
    return ws;
  };
  const router = createRouter<Call>();
  const me = (call: Call, id: string) => id === 'me' || id === call.ws.member.id || id === call.ws.member.username;

  router.add('GET', '/1/members/:id', (request, { id }, call) => {
    if (!me(call, id!)) return text(404, 'The requested resource was not found.');
    const { member } = call.ws;
    if (request.query.get('fields') === 'id') return { status: 200, body: { id: member.id } };
    return { status: 200, body: { id: member.id, username: member.username, fullName: member.fullName, initials: member.initials, url: `https://trello.com/${member.username}`, idBoards: call.ws.boards.map((b) => b.id) } };
  });

  router.add('GET', '/1/members/:id/boards', (request, { id }, call) => {
    if (!me(call, id!)) return text(404, 'The requested resource was not found.');
    const filter = request.query.get('filter') ?? 'all';
    const lists = request.query.get('lists') ?? 'none';
    const boards = call.ws.boards.filter((b) => filter === 'all' || (filter === 'open' && !b.closed) || (filter === 'closed' && b.closed) || (filter === 'starred' && b.starred) || filter === 'members');
    return {
      status: 200,
      body: boards.map((b) => ({
        id: b.id, name: b.name, desc: b.desc, closed: b.closed, starred: b.starred, idOrganization: b.idOrganization, pinned: false,
        url: `https://trello.com/b/${b.shortLink}/${b.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, shortUrl: `https://trello.com/b/${b.shortLink}`,
        ...(lists === 'none' ? {} : { lists: call.ws.lists.filter((l) => l.idBoard === b.id && (lists === 'all' || (lists === 'open') !== l.closed)).map((l) => ({ id: l.id, name: l.name, closed: l.closed, idBoard: l.idBoard, pos: l.pos })) }),
      })),
    };
  });

  router.add('GET', '/1/boards/:id/cards', (_request, { id }, call) => {
    if (!call.ws.boards.some((b) => b.id === id)) return text(ID.test(id!) ? 404 : 400, ID.test(id!) ? 'The requested resource was not found.' : 'invalid id');
    return { status: 200, body: call.ws.cards.filter((c) => c.idBoard === id && !c.closed).sort((a, b) => a.pos - b.pos).map((c) => cardResource(c, call.ws)) };
  });

  router.add('GET', '/1/lists/:id/cards', (_request, { id }, call) => {
    if (!call.ws.lists.some((l) => l.id === id)) return text(ID.test(id!) ? 404 : 400, ID.test(id!) ? 'The requested resource was not found.' : 'invalid id');
    return { status: 200, body: call.ws.cards.filter((c) => c.idList === id && !c.closed).sort((a, b) => a.pos - b.pos).map((c) => cardResource(c, call.ws)) };
  });

  router.add('POST', '/1/cards', (request, _params, call) => {
    if (!needs(call, 'write')) return noPermission();
    const q = request.query;
    const list = call.ws.lists.find((l) => l.id === q.get('idList'));
    if (!list) return text(400, 'invalid value for idList');
    const idLabels = (q.get('idLabels') ?? '').split(',').filter(Boolean);
    if (idLabels.some((id) => !call.ws.labels.some((l) => l.id === id && l.idBoard === list.idBoard))) return text(400, 'invalid value for idLabels');
    const due = q.get('due');
    if (due && Number.isNaN(Date.parse(due))) return text(400, 'invalid value for due');
    const pos = position(q.get('pos'), call.ws.cards.filter((c) => c.idList === list.id));
    if (pos === undefined) return text(400, 'invalid value for pos');
    const card: TrelloCard = {
      id: call.ws.random.hex(24), idBoard: list.idBoard, idList: list.id, name: q.get('name') ?? '', desc: q.get('desc') ?? '', closed: false, pos,
      due: due ? new Date(due).toISOString() : null, dueComplete: false, idLabels, idMembers: [], shortLink: call.ws.random.alnum(8), dateLastActivity: context.now().toISOString(),
    };
    call.ws.cards.push(card);
    createdCards.push(card);
    return { status: 200, body: cardResource(card, call.ws) };
  });

  router.add('PUT', '/1/cards/:id', (request, { id }, call) => {
    if (!needs(call, 'write')) return noPermission();
    const card = call.ws.cards.find((c) => c.id === id);
    if (!card) return text(ID.test(id!) ? 404 : 400, ID.test(id!) ? 'The requested resource was not found.' : 'invalid id');
    const q = request.query;
    const idBoard = q.get('idBoard') ?? card.idBoard;
    if (!call.ws.boards.some((b) => b.id === idBoard)) return text(400, 'invalid value for idBoard');
    const idList = q.get('idList') ?? card.idList;
    const list = call.ws.lists.find((l) => l.id === idList && l.idBoard === idBoard);
    if (!list) return text(400, 'invalid value for idList');
    const pos = q.has('pos') ? position(q.get('pos'), call.ws.cards.filter((c) => c.idList === list.id && c !== card)) : card.pos;
    if (pos === undefined) return text(400, 'invalid value for pos');
    Object.assign(card, { idBoard, idList, pos, dateLastActivity: context.now().toISOString(), ...(q.has('name') ? { name: q.get('name') } : {}), ...(q.has('desc') ? { desc: q.get('desc') } : {}) });
    // Labels belong to a board: a card moved to another board leaves its labels behind.
    if (idBoard !== card.idBoard) card.idLabels = [];
    return { status: 200, body: cardResource(card, call.ws) };
  });

  router.add('POST', '/1/cards/:id/actions/comments', (request, { id }, call) => {
    if (!needs(call, 'write')) return noPermission();
    const card = call.ws.cards.find((c) => c.id === id);
    if (!card) return text(ID.test(id!) ? 404 : 400, ID.test(id!) ? 'The requested resource was not found.' : 'invalid id');
    const commentText = request.query.get('text') ?? '';
    if (commentText.trim() === '') return text(400, 'invalid value for text');
    const comment = { id: call.ws.random.hex(24), idCard: card.id, idMemberCreator: call.ws.member.id, text: commentText, date: context.now().toISOString() };
    call.ws.comments.push(comment);
    const list = call.ws.lists.find((l) => l.id === card.idList)!;
    const board = call.ws.boards.find((b) => b.id === card.idBoard)!;
    return {
      status: 200,
      body: {
        id: comment.id, idMemberCreator: comment.idMemberCreator, type: 'commentCard', date: comment.date,
        data: { text: comment.text, card: { id: card.id, name: card.name, shortLink: card.shortLink }, board: { id: board.id, name: board.name, shortLink: board.shortLink }, list: { id: list.id, name: list.name } },
        memberCreator: { id: call.ws.member.id, fullName: call.ws.member.fullName, username: call.ws.member.username },
      },
    };
  });

  router.add('GET', '/1/tokens/:token', (_request, { token }, call) => {
    const target = oauth.grant(token!);
    if (!target || target.member !== call.grant.member) return text(401, 'invalid token');
    return {
      status: 200,
      body: {
        id: tokenIdOf(token!), identifier: target.consumerKey, idMember: call.ws.member.id, dateCreated: context.now().toISOString(),
        dateExpires: target.expiresAt === null ? null : new Date(target.expiresAt).toISOString(),
        permissions: [{ idModel: '*', modelType: 'Board', read: target.scopes.includes('read'), write: target.scopes.includes('write') }],
      },
    };
  });

  router.add('DELETE', '/1/tokens/:token', (_request, { token }, call) => {
    // A token can delete itself (or another of the same member); Trello answers `{ _value: null }`.
    const target = oauth.grant(token!);
    if (!target || target.member !== call.grant.member) return text(401, 'invalid token');
    oauth.revoke(token!);
    return { status: 200, body: { _value: null } };
  });

  return {
    state: { oauth, createdCards, workspace },
    // Trello's rate limit answer is JSON ({ error, message }); its other errors are short text.
    failure: (status) => (status === 429 ? { status, body: { error: 'API_TOKEN_LIMIT_EXCEEDED', message: 'Rate limit exceeded' } } : text(status, status >= 500 ? 'Internal server error' : 'error')),
    async handle(request: MockRequest) {
      const oauthAnswer = oauth.handle(request);
      if (oauthAnswer) return { response: oauthAnswer };
      const match = router.match(request.method, request.path);
      if (match.kind === 'not_found') return { response: text(404, 'Cannot ' + request.method + ' ' + request.path) };
      if (match.kind === 'method_not_allowed') return { response: text(404, 'Cannot ' + request.method + ' ' + request.path) };
      const auth = oauth.authenticate(request);
      if ('failure' in auth) return { response: auth.failure };
      const call: Call = { ws: workspace(auth.grant.member), grant: auth.grant };
      return { response: await match.handler(request, match.params, call), sub: auth.grant.member };
    },
  };
}
