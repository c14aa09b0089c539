import { authenticate, bearerToken, createRouter, intParam, isRecord, mockUser, seedTime, type MockProvider, type MockProviderContext, type MockResponse } from '../../mock-api/index.ts';
import { snowflake, webhookOf, webhookOwner } from './discord-ids.ts';

interface Guild {
  id: string;
  name: string;
  owner: boolean;
  /** The user's permissions bitfield in the server, as a decimal string. */
  permissions: string;
  members: number;
  online: number;
  nick: string | null;
  roles: string[];
  joinedAt: string;
}

export interface DiscordPostedMessage {
  sub: string;
  webhookId: string;
  channelId: string;
  content: string;
  username?: string;
  allowedMentions?: unknown;
  id: string;
}

export interface DiscordMockState {
  guilds(sub: string): Guild[];
  posted: DiscordPostedMessage[];
}

const discordError = (status: number, code: number, message: string): MockResponse => ({ status, body: { message, code } });
const SERVERS: ReadonlyArray<readonly [string, string, number]> = [
  // name, permissions (owner: all; 8 = administrator; 104324673 = a member's defaults), members
  ['{company} HQ', '2251799813685247', 48],
  ['Book Club', '104324673', 41],
  ['Discord API', '8', 12_873],
];

/** Discord's HTTP API v10 (`https://discord.com/api/v10`) for a user token: the user, their servers, their membership, and incoming webhooks. */
export function createDiscordMock(context: MockProviderContext): MockProvider<DiscordMockState> {
  const cache = new Map<string, Guild[]>();
  const guilds = (sub: string): Guild[] => {
    let list = cache.get(sub);
    if (!list) {
      const company = mockUser(context.seed, sub).company.name;
      const joined = new Date(seedTime(context).getTime() - 400 * 86_400_000).toISOString().replace('Z', '+00:00');
      list = SERVERS.map(([name, permissions, members], i) => ({
        id: snowflake('guild', sub, String(i)),
        name: name.replace('{company}', company),
        owner: i === 0,
        permissions,
        members,
        online: Math.ceil(members / 5),
        nick: i === 1 ? `${mockUser(context.seed, sub).firstName} the Reader` : null,
        roles: [snowflake('role', sub, String(i))],
        joinedAt: joined,
      })).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      cache.set(sub, list);
    }
    return list;
  };
  const state: DiscordMockState = { guilds, posted: [] };
  const router = createRouter<{ sub: string }>();

  router.add('GET', '/api/v10/users/@me', (_r, _p, { sub }) => {
    const user = mockUser(context.seed, sub);
    return { status: 200, body: { id: snowflake('user', sub), username: user.login, discriminator: '0', global_name: user.name, avatar: null, public_flags: 0, flags: 0, banner: null, accent_color: null, mfa_enabled: false, locale: 'en-US', premium_type: 0 } };
  });
  router.add('GET', '/api/v10/users/@me/guilds', (request, _p, { sub }) => {
    const limit = intParam(request.query.get('limit'), 200, 1, 200);
    const after = request.query.get('after');
    const before = request.query.get('before');
    const withCounts = request.query.get('with_counts') === 'true';
    const list = guilds(sub).filter((g) => (!after || BigInt(g.id) > BigInt(after)) && (!before || BigInt(g.id) < BigInt(before))).slice(0, limit);
    return {
      status: 200,
      body: list.map((g) => ({ id: g.id, name: g.name, icon: null, banner: null, owner: g.owner, permissions: g.permissions, features: [], ...(withCounts ? { approximate_member_count: g.members, approximate_presence_count: g.online } : {}) })),
    };
  });
  router.add('GET', '/api/v10/users/@me/guilds/:guildId/member', (_r, { guildId }, { sub }) => {
    const guild = guilds(sub).find((g) => g.id === guildId);
    if (!guild) return discordError(404, 10004, 'Unknown Guild');
    const user = mockUser(context.seed, sub);
    return { status: 200, body: { avatar: null, banner: null, communication_disabled_until: null, flags: 0, joined_at: guild.joinedAt, nick: guild.nick, pending: false, premium_since: null, roles: guild.roles, user: { id: snowflake('user', sub), username: user.login, discriminator: '0', global_name: user.name, avatar: null }, mute: false, deaf: false } };
  });

  /** Execute Webhook: the token in the path is the credential; `wait=true` answers the message, otherwise 204. */
  function executeWebhook(request: Parameters<MockProvider['handle']>[0], webhookId: string, token: string): MockResponse {
    const sub = webhookOwner(webhookId, token);
    if (!sub) return discordError(404, 10015, 'Unknown Webhook');
    const body = isRecord(request.body) ? request.body : {};
    const content = typeof body.content === 'string' ? body.content : '';
    if (!content && !Array.isArray(body.embeds)) return discordError(400, 50006, 'Cannot send an empty message');
    if (content.length > 2000) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } };
    const webhook = webhookOf(sub);
    const id = snowflake('message', sub, String(state.posted.length));
    state.posted.push({ sub, webhookId, channelId: webhook.channelId, content, id, ...(typeof body.username === 'string' ? { username: body.username } : {}), ...(body.allowed_mentions !== undefined ? { allowedMentions: body.allowed_mentions } : {}) });
    if (request.query.get('wait') !== 'true') return { status: 204, body: undefined };
    return {
      status: 200,
      body: {
        id, type: 0, content, channel_id: webhook.channelId, author: { id: webhookId, username: typeof body.username === 'string' ? body.username : 'onbehalf', avatar: null, discriminator: '0000', bot: true },
        attachments: [], embeds: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false,
        timestamp: context.now().toISOString().replace('Z', '+00:00'), edited_timestamp: null, flags: 0, components: [], webhook_id: webhookId,
      },
    };
  }

  return {
    state,
    failure: (status) => ({
      status,
      headers: status === 429 ? { 'retry-after': '1' } : ({} as Record<string, string>),
      body: status === 429 ? { message: 'You are being rate limited.', retry_after: 1, global: false } : { message: status === 401 ? '401: Unauthorized' : status === 403 ? 'Missing Access' : '500: Internal Server Error', code: status === 403 ? 50001 : 0 },
    }),
    async handle(request) {
      const hook = /^\/api\/v10\/webhooks\/([^/]+)\/([^/]+)$/.exec(request.path);
      if (hook && request.method === 'POST') return { response: executeWebhook(request, decodeURIComponent(hook[1]!), decodeURIComponent(hook[2]!)) };
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: discordError(401, 0, '401: Unauthorized') };
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: discordError(404, 0, '404: Not Found'), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}
