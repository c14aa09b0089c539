import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Slack definition through the sandbox, as an example app would run it offline: consent
 * without PKCE (Slack's default), comma scopes and `ok: true` token answers, the tools on the
 * Slack mock, and revocation with auth.revoke, after which the mock refuses the token.
 */
describe('Slack through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'ann', tool, input, connection: 'slack' })).data as T;

  it('connects without PKCE, reads, searches, reacts and looks people up, then revokes with auth.revoke', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'slack', identifier: 'ann' });
    const authorize = await bed.ob.handler(new Request(link));
    const location = new URL(authorize.headers.get('location')!);
    expect(location.searchParams.has('code_challenge')).toBe(false);
    expect(location.searchParams.get('scope')).toBe('chat:write,channels:read');
    await bed.connect('slack', 'ann');
    expect(await bed.ob.accounts.get({ connection: 'slack', identifier: 'ann' })).toMatchObject({ status: 'ACTIVE', scopes: ['chat:write', 'channels:read'] });

    const channels = await run<{ channels: Array<{ id: string; name: string }> }>('slack_list_channels', {});
    const engineering = channels.channels.find((c) => c.name === 'engineering')!;
    const history = await run<{ messages: Array<{ ts: string; user: string; text: string }> }>('slack_get_channel_history', { channel: engineering.id, limit: 3 });
    expect(history.messages).toHaveLength(3);
    const found = await run<{ total: number; matches: Array<{ channelName: string }> }>('slack_search_messages', { query: 'in:#engineering gateway' });
    expect(found.total).toBeGreaterThan(0);
    expect(found.matches.every((m) => m.channelName === 'engineering')).toBe(true);
    expect(await run('slack_add_reaction', { channel: engineering.id, timestamp: history.messages[0]!.ts, name: 'eyes' })).toEqual({ channel: engineering.id, ts: history.messages[0]!.ts, reaction: 'eyes' });
    const author = await run<{ id: string; realName: string }>('slack_get_user', { user: history.messages[0]!.user });
    expect(author).toMatchObject({ id: history.messages[0]!.user, realName: expect.any(String) });

    const { accessToken } = await bed.ob.accounts.getAccessToken({ connection: 'slack', identifier: 'ann' });
    expect(await bed.ob.accounts.revoke({ connection: 'slack', identifier: 'ann' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    const after = await fetch(`${bed.sandbox.url}/slack/api/auth.test`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await after.json()).toEqual({ ok: false, error: 'token_revoked' });
  });
});
