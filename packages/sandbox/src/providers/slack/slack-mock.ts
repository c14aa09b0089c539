import { authenticate, bearerToken, decodeCursor, encodeCursor, hasScope, intParam, isRecord, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, mockUser, seededRandom, type SeededRandom, seedTime, type TokenInfo } from '../../mock-api/index.ts';
import { slackSeed, slackTs, type SlackChannel, type SlackMessage, type SlackWorkspace } from './slack-seed.ts';

export interface SlackPostedMessage {
  sub: string;
  channel: string;
  channelName: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  ts: string;
}

export interface SlackMockState {
  posted: SlackPostedMessage[];
  workspace(sub: string): SlackWorkspace;
}

type Args = Record<string, string | unknown>;
interface Method {
  /** Slack reads JSON bodies only for methods documented with `application/json`. */
  json: boolean;
  scopes: string[];
  run(args: Args, workspace: SlackWorkspace, token: TokenInfo, request: MockRequest): MockResponse['body'];
}

const ok = (body: Record<string, unknown>) => ({ ok: true, ...body });
const fail = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
const bool = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;

/** `ts` doubles as the message id, so it must be unique and increasing within a channel. */
function nextTs(channel: SlackChannel, candidate: string): string {
  const last = channel.messages.at(-1)?.ts;
  if (!last || Number(candidate) > Number(last)) return candidate;
  const [seconds = '0', fraction = '0'] = last.split('.');
  const next = Number(fraction) + 1;
  return next > 999_999 ? `${Number(seconds) + 1}.000000` : `${seconds}.${String(next).padStart(6, '0')}`;
}

/** The conversation object as conversations.list returns it. */
function channelObject(channel: SlackChannel, workspace: SlackWorkspace) {
  const value = (text: string) => ({ value: text, creator: text ? channel.creator : '', last_set: text ? channel.created : 0 });
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: channel.is_private,
    is_im: false,
    is_mpim: false,
    is_private: channel.is_private,
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: workspace.team.id,
    updated: channel.created * 1000,
    parent_conversation: null,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [workspace.team.id],
    pending_connected_team_ids: [],
    is_member: channel.is_member,
    topic: value(channel.topic),
    purpose: value(channel.purpose),
    previous_names: [],
    num_members: channel.members.length,
  };
}

/** Slack Web API (`https://slack.com/api`): chat.postMessage, conversations.list/history, search.messages, reactions.add, users.info, auth.test, auth.revoke. */
export function createSlackMock(context: MockProviderContext): MockProvider<SlackMockState> {
  const workspaces = new Map<string, { workspace: SlackWorkspace; random: SeededRandom }>();
  const load = (sub: string) => {
    let entry = workspaces.get(sub);
    if (!entry) {
      const random = seededRandom(context.seed, 'slack', sub);
      entry = { workspace: slackSeed(mockUser(context.seed, sub), random, seedTime(context)), random };
      workspaces.set(sub, entry);
    }
    return entry;
  };
  const state: SlackMockState = { posted: [], workspace: (sub) => load(sub).workspace };
  /** Tokens auth.revoke was called with: Slack answers token_revoked for them from then on. */
  const revoked = new Set<string>();

  const methods: Record<string, Method> = {
    'auth.test': {
      json: true,
      scopes: [],
      run: (_args, ws) => ok({
        url: `https://${ws.team.domain}.slack.com/`, team: ws.team.name, user: ws.userName, team_id: ws.team.id, user_id: ws.userId, is_enterprise_install: false,
      }),
    },
    'conversations.list': {
      json: false,
      scopes: ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
      run: (args, ws) => {
        const types = (str(args.types) ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean);
        if (types.some((t) => !['public_channel', 'private_channel', 'mpim', 'im'].includes(t))) return fail('invalid_types');
        const limit = intParam(str(args.limit), 100, 1, 1000);
        const offset = decodeCursor('team', str(args.cursor));
        if (offset === undefined) return fail('invalid_cursor');
        const visible = ws.channels.filter((c) =>
          (c.is_private ? types.includes('private_channel') && c.is_member : types.includes('public_channel'))
          && !(bool(args.exclude_archived) && c.is_archived));
        const page = visible.slice(offset, offset + limit);
        const next = offset + limit < visible.length ? encodeCursor('team', offset + limit) : '';
        return ok({ channels: page.map((c) => channelObject(c, ws)), response_metadata: { next_cursor: next } });
      },
    },
    'conversations.history': {
      json: false,
      scopes: ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
      run: (args, ws) => {
        const channel = ws.channels.find((c) => c.id === str(args.channel));
        if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
        const limit = intParam(str(args.limit), 100, 1, 999);
        const offset = decodeCursor('next_ts', str(args.cursor));
        if (offset === undefined) return fail('invalid_cursor');
        const inclusive = bool(args.inclusive);
        const latest = str(args.latest);
        const oldest = str(args.oldest);
        const inRange = (m: SlackMessage) =>
          (!latest || (inclusive ? Number(m.ts) <= Number(latest) : Number(m.ts) < Number(latest)))
          && (!oldest || (inclusive ? Number(m.ts) >= Number(oldest) : Number(m.ts) > Number(oldest)));
        // Replies live in their thread; history shows parents only (newest first).
        const messages = channel.messages.filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && inRange(m)).reverse();
        const page = messages.slice(offset, offset + limit);
        const hasMore = offset + limit < messages.length;
        return ok({
          messages: page, has_more: hasMore, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0,
          ...(hasMore ? { response_metadata: { next_cursor: encodeCursor('next_ts', offset + limit) } } : {}),
        });
      },
    },
    'search.messages': {
      json: false,
      scopes: ['search:read'],
      run: (args, ws) => {
        const query = str(args.query)?.trim();
        if (!query) return fail('no_query');
        const count = intParam(str(args.count), 20, 1, 100);
        const page = intParam(str(args.page), 1, 1, 100);
        // Words must all appear; `in:#channel` and `from:<@U…>` narrow as in Slack.
        const terms = query.split(/\s+/);
        const inChannel = terms.find((t) => t.startsWith('in:'))?.slice(3).replace(/^#/, '');
        const from = terms.find((t) => t.startsWith('from:'))?.slice(5).replace(/^<@|>$/g, '');
        const words = terms.filter((t) => !t.startsWith('in:') && !t.startsWith('from:')).map((w) => w.replace(/^"|"$/g, '').toLowerCase()).filter(Boolean);
        const matches = ws.channels
          .filter((c) => (!c.is_private || c.is_member) && (!inChannel || c.name === inChannel || c.id === inChannel))
          .flatMap((c) => c.messages.map((m) => ({ c, m })))
          .filter(({ m }) => (!from || m.user === from) && words.every((w) => m.text.toLowerCase().includes(w)));
        if (str(args.sort) === 'timestamp') matches.sort((a, b) => (str(args.sort_dir) === 'asc' ? 1 : -1) * (Number(a.m.ts) - Number(b.m.ts)));
        const pages = Math.ceil(matches.length / count);
        const shown = matches.slice((page - 1) * count, page * count).map(({ c, m }) => ({
          channel: { id: c.id, is_ext_shared: false, is_mpim: false, is_org_shared: false, is_pending_ext_shared: false, is_private: c.is_private, is_shared: false, name: c.name, pending_shared: [] },
          iid: `${c.id}-${m.ts}`,
          permalink: `https://${ws.team.domain}.slack.com/archives/${c.id}/p${m.ts.replace('.', '')}`,
          team: ws.team.id,
          text: m.text,
          ts: m.ts,
          type: 'message',
          user: m.user,
          username: ws.people.find((p) => p.id === m.user)?.person.login ?? '',
        }));
        return ok({
          query,
          messages: {
            matches: shown,
            pagination: { first: (page - 1) * count + 1, last: (page - 1) * count + shown.length, page, page_count: pages, per_page: count, total_count: matches.length },
            paging: { count, page, pages, total: matches.length },
            total: matches.length,
          },
        });
      },
    },
    'reactions.add': {
      json: true,
      scopes: ['reactions:write'],
      run: (args, ws) => {
        const name = str(args.name);
        const ts = str(args.timestamp);
        if (!str(args.channel) || !ts) return fail('no_item_specified');
        const channel = ws.channels.find((c) => c.id === str(args.channel));
        if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
        const message = channel.messages.find((m) => m.ts === ts);
        if (!message) return fail('message_not_found');
        if (!name || !/^[a-z0-9_+'-]{1,100}(::skin-tone-[2-6])?$/.test(name)) return fail('invalid_name');
        if (channel.is_archived) return fail('is_archived');
        const reactions = (message.reactions ??= []);
        const existing = reactions.find((r) => r.name === name);
        if (existing?.users.includes(ws.userId)) return fail('already_reacted');
        if (existing) {
          existing.users.push(ws.userId);
          existing.count++;
        } else {
          reactions.push({ name, users: [ws.userId], count: 1 });
        }
        return ok({});
      },
    },
    'users.info': {
      json: false,
      scopes: ['users:read'],
      run: (args, ws) => {
        const entry = ws.people.find((p) => p.id === str(args.user));
        if (!entry) return fail('user_not_found');
        const { person } = entry;
        return ok({
          user: {
            id: entry.id, team_id: ws.team.id, name: person.login, deleted: false, color: '9f69e7', real_name: person.name,
            tz: entry.tz, tz_label: entry.tz, tz_offset: 0,
            profile: { display_name: person.firstName, display_name_normalized: person.firstName, real_name: person.name, real_name_normalized: person.name, email: person.email, title: '', status_text: '', status_emoji: '', team: ws.team.id },
            is_admin: entry.id === ws.userId, is_owner: false, is_primary_owner: false, is_restricted: false, is_ultra_restricted: false, is_bot: false, is_app_user: false, updated: 1502138686, has_2fa: false,
          },
        });
      },
    },
    'auth.revoke': {
      json: false,
      scopes: [],
      run: (args, _ws, _token, request) => {
        // `test` only checks that the token could be revoked.
        if (bool(args.test)) return ok({ revoked: false });
        const raw = bearerToken(request.headers) ?? str(args.token);
        if (raw) revoked.add(raw);
        return ok({ revoked: true });
      },
    },
    'chat.postMessage': {
      json: true,
      scopes: ['chat:write', 'chat:write:user', 'chat:write:bot'],
      run: (args, ws, token) => {
        const wanted = str(args.channel)?.replace(/^#/, '');
        if (!wanted) return fail('channel_not_found');
        const channel = ws.channels.find((c) => c.id === wanted || c.name === wanted);
        if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
        if (channel.is_archived) return fail('is_archived');
        if (!channel.is_member) return fail('not_in_channel');
        let blocks: unknown[] | undefined;
        if (args.blocks !== undefined && args.blocks !== '') {
          try {
            const parsed = typeof args.blocks === 'string' ? JSON.parse(args.blocks) : args.blocks;
            if (!Array.isArray(parsed) || parsed.some((b) => !isRecord(b) || typeof b.type !== 'string')) return fail('invalid_blocks');
            blocks = parsed;
          } catch {
            return fail('invalid_blocks_format');
          }
        }
        const text = str(args.text) ?? '';
        if (!text && !blocks && !args.attachments) return fail('no_text');
        if (text.length > 40_000) return fail('msg_too_long');
        const random = load(token.sub).random;
        const ts = nextTs(channel, slackTs(context.now().getTime(), random));
        const threadTs = str(args.thread_ts);
        const parent = threadTs ? channel.messages.find((m) => m.ts === threadTs) : undefined;
        const message: SlackMessage = { type: 'message', user: ws.userId, text, ts, team: ws.team.id };
        if (blocks) message.blocks = blocks;
        if (parent) {
          message.thread_ts = parent.ts;
          parent.thread_ts = parent.ts;
          parent.reply_count = (parent.reply_count ?? 0) + 1;
        }
        channel.messages.push(message);
        state.posted.push({
          sub: token.sub, channel: channel.id, channelName: channel.name, text, ts,
          ...(blocks ? { blocks } : {}), ...(parent ? { thread_ts: parent.ts } : {}),
        });
        const { team, ...rest } = message;
        return ok({ channel: channel.id, ts, message: { ...rest, team, app_id: `A0${random.alnum(9)}` } });
      },
    },
  };

  return {
    state,
    failure: (status) => ({
      status,
      headers: status === 429 ? { 'retry-after': '1' } : ({} as Record<string, string>),
      body: fail(status === 429 ? 'ratelimited' : status === 401 ? 'invalid_auth' : status === 403 ? 'access_denied' : status >= 500 ? 'internal_error' : 'request_failed'),
    }),
    async handle(request) {
      const name = request.path.startsWith('/api/') ? request.path.slice('/api/'.length) : '';
      const method = Object.hasOwn(methods, name) ? methods[name] : undefined;
      if (!method || !['GET', 'POST'].includes(request.method)) {
        return { response: { status: 404, body: fail('unknown_method', { req_method: name }) } };
      }
      const fromBody = request.contentType === 'application/x-www-form-urlencoded' || (request.contentType === 'application/json' && method.json);
      if (request.bodyError && request.contentType === 'application/json') return { response: { status: 200, body: fail('invalid_json') } };
      const args: Args = { ...Object.fromEntries(request.query), ...(fromBody && isRecord(request.body) ? request.body : {}) };
      // Tokens go in the Authorization header, or as a `token` form/query argument (never in JSON).
      const formToken = request.contentType === 'application/json' ? str(request.query.get('token')) : str(args.token);
      const presented = bearerToken(request.headers) ?? formToken;
      if (presented && revoked.has(presented)) return { response: { status: 200, body: fail('token_revoked') } };
      const auth = await authenticate(presented, context.verifyAccessToken);
      // Slack answers auth failures with HTTP 200 and ok:false.
      if (auth.kind === 'missing') return { response: { status: 200, body: fail('not_authed') } };
      if (auth.kind === 'invalid') return { response: { status: 200, body: fail('invalid_auth') } };
      const headers = { 'x-oauth-scopes': auth.token.scopes.join(','), 'x-accepted-oauth-scopes': method.scopes.join(',') };
      if (context.enforceScopes && method.scopes.length > 0 && !hasScope(auth.token.scopes, method.scopes)) {
        return { response: { status: 200, headers, body: fail('missing_scope', { needed: method.scopes[0], provided: auth.token.scopes.join(',') }) }, sub: auth.token.sub };
      }
      const workspace = load(auth.token.sub).workspace;
      return { response: { status: 200, headers, body: method.run(args, workspace, auth.token, request) }, sub: auth.token.sub };
    },
  };
}
