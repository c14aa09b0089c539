import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';
import { discordDialect } from './discord-dialect.ts';
import { webhookOf, webhookOwner } from './discord-ids.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('Discord mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  it('answers the user of the token, and Discord\'s 401 without one', async () => {
    const me = await s.call('GET', '/discord/api/v10/users/@me');
    expect(me.json).toMatchObject({ id: expect.stringMatching(/^\d{18}$/), username: 'alice', discriminator: '0', global_name: expect.stringMatching(/^Alice /), locale: 'en-US' });
    const anonymous = await s.call('GET', '/discord/api/v10/users/@me', { token: null });
    expect(anonymous).toMatchObject({ status: 401, json: { message: '401: Unauthorized', code: 0 } });
  });

  it('lists servers by id with after/limit paging, counts on request', async () => {
    const all = await s.call('GET', '/discord/api/v10/users/@me/guilds?with_counts=true');
    expect(all.json).toHaveLength(3);
    const ids = all.json.map((g: { id: string }) => BigInt(g.id));
    expect(ids).toEqual([...ids].sort((a: bigint, b: bigint) => (a < b ? -1 : 1)));
    expect(all.json[0]).toMatchObject({ id: expect.any(String), name: expect.any(String), owner: expect.any(Boolean), permissions: expect.stringMatching(/^\d+$/), features: [], approximate_member_count: expect.any(Number) });
    const first = await s.call('GET', '/discord/api/v10/users/@me/guilds?limit=1');
    expect(first.json).toHaveLength(1);
    expect(first.json[0]).not.toHaveProperty('approximate_member_count');
    const next = await s.call('GET', `/discord/api/v10/users/@me/guilds?limit=5&after=${first.json[0].id}`);
    expect(next.json.map((g: { id: string }) => g.id)).toEqual(all.json.slice(1).map((g: { id: string }) => g.id));
  });

  it('answers the user\'s membership in a server, 404 Unknown Guild for others', async () => {
    const [guild] = (await s.call('GET', '/discord/api/v10/users/@me/guilds')).json;
    const member = await s.call('GET', `/discord/api/v10/users/@me/guilds/${guild.id}/member`);
    expect(member.json).toMatchObject({ roles: [expect.stringMatching(/^\d+$/)], joined_at: expect.any(String), pending: false, user: { username: 'alice' } });
    expect((await s.call('GET', '/discord/api/v10/users/@me/guilds/99999999999999999/member')).json).toEqual({ message: 'Unknown Guild', code: 10004 });
  });

  it('takes posts to the webhook the dialect hands out at consent, with no token but the one in the path', async () => {
    const answer = discordDialect.tokenResponse!({ access_token: 'a', token_type: 'Bearer', scope: 'identify webhook.incoming' }, { origin: s.origin, clientId: 'c', grantType: 'authorization_code', sub: 'alice' });
    const webhook = answer.webhook as { id: string; token: string; url: string; channel_id: string; guild_id: string };
    expect(webhook).toMatchObject({ ...{ id: webhookOf('alice').id, token: webhookOf('alice').token, channel_id: webhookOf('alice').channelId, guild_id: webhookOf('alice').guildId }, url: expect.stringContaining(`/webhooks/${webhookOf('alice').id}/`) });
    // Only the code exchange carries it, and only with webhook.incoming.
    expect(discordDialect.tokenResponse!({ scope: 'identify webhook.incoming' }, { origin: s.origin, clientId: 'c', grantType: 'refresh_token', sub: 'alice' })).not.toHaveProperty('webhook');
    expect(discordDialect.tokenResponse!({ scope: 'identify' }, { origin: s.origin, clientId: 'c', grantType: 'authorization_code', sub: 'alice' })).not.toHaveProperty('webhook');

    const posted = await s.call('POST', `/discord/api/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`, { token: null, body: { content: 'Hello', allowed_mentions: { parse: [] } } });
    expect(posted.json).toMatchObject({ id: expect.any(String), content: 'Hello', channel_id: webhook.channel_id, webhook_id: webhook.id });
    expect(s.mock.state.discord.posted.at(-1)).toMatchObject({ sub: 'alice', content: 'Hello', allowedMentions: { parse: [] } });
    expect((await s.call('POST', `/discord/api/v10/webhooks/${webhook.id}/${webhook.token}`, { token: null, body: { content: 'No wait' } })).status).toBe(204);
    expect((await s.call('POST', `/discord/api/v10/webhooks/${webhook.id}/${webhook.token}?wait=true`, { token: null, body: {} })).json).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const forged = await s.call('POST', `/discord/api/v10/webhooks/${webhook.id}/${webhook.token.slice(0, -2)}xx?wait=true`, { token: null, body: { content: 'x' } });
    expect(forged).toMatchObject({ status: 404, json: { message: 'Unknown Webhook', code: 10015 } });
    expect(webhookOwner(webhookOf('bob').id, webhook.token)).toBeUndefined();
  });
});
