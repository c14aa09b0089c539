import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Discord definition through the sandbox, as an example app would run it offline:
 * consent with PKCE, the incoming webhook the sandbox answers for `webhook.incoming` (its ids as
 * values, its token sealed), the tools on the Discord mock, and RFC 7009 revocation.
 */
describe('Discord through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'ann', tool, input })).data as T;

  it('connects, reads the user and their servers, posts through the webhook, and revokes', async () => {
    await bed.connect('discord', 'ann');
    const account = await bed.ob.accounts.get({ connection: 'discord', identifier: 'ann' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { userId: expect.stringMatching(/^\d{18}$/), webhookId: expect.stringMatching(/^\d{18}$/), webhookChannelId: expect.any(String), webhookGuildId: expect.any(String) } });
    expect(Object.values(account.values).join(' ')).not.toMatch(/\./);

    expect(await run('discord_get_my_user', {})).toMatchObject({ id: account.values.userId, username: 'alice' });
    const servers = await run<{ guilds: Array<{ id: string; role?: string }> }>('discord_list_my_guilds', { withCounts: true });
    expect(servers.guilds.map((g) => g.id)).toContain(account.values.webhookGuildId);
    expect(servers.guilds.some((g) => g.role === 'owner')).toBe(true);
    expect(await run('discord_get_my_guild_member', { guildId: account.values.webhookGuildId })).toMatchObject({ guildId: account.values.webhookGuildId, roles: [expect.any(String)] });

    const posted = await run<{ id: string; channelId: string }>('discord_post_webhook_message', { content: 'Deploy done @here' });
    expect(posted.channelId).toBe(account.values.webhookChannelId);
    expect(bed.mocks.state.discord.posted.at(-1)).toMatchObject({ sub: 'alice', content: 'Deploy done @here', allowedMentions: { parse: [] } });

    expect(await bed.ob.accounts.revoke({ connection: 'discord', identifier: 'ann' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
  });
});
