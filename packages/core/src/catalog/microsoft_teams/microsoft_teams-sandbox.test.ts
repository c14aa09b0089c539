import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real Microsoft Teams definition connected offline to the sandbox, its tools on the Graph mock. */
describe('microsoft_teams against the sandbox', () => {
  let tb: ToolsTestbed;
  beforeAll(async () => {
    tb = await createToolsTestbed('sqlite');
  });
  afterAll(() => tb.close());

  it('connects, finds a channel, posts and replies there, and chats', async () => {
    await tb.connect('microsoft_teams', 'u1', 'alice');
    const execute = <T>(tool: string, input: unknown) => tb.ob.tools.execute<T>({ identifier: 'u1', tool, input, connection: 'microsoft_teams' }).then((r) => r.data);
    const { teams } = await execute<{ teams: Array<{ id: string; name: string }> }>('microsoft_teams_list_teams', {});
    expect(teams.map((t) => t.name)).toEqual(['Acme Inc Team']);
    const { channels } = await execute<{ channels: Array<{ id: string; name: string; membership: string }> }>('microsoft_teams_list_channels', { teamId: teams[0]!.id });
    expect(channels.map((c) => `${c.name}:${c.membership}`)).toEqual(['General:standard', 'Budget:private']);

    const posted = await execute<{ id: string; text: string }>('microsoft_teams_send_channel_message', { teamId: teams[0]!.id, channelId: channels[0]!.id, text: 'Draft is up' });
    expect(posted.text).toBe('Draft is up');
    const reply = await execute<{ replyToId: string }>('microsoft_teams_send_channel_message', { teamId: teams[0]!.id, channelId: channels[0]!.id, text: '<b>Thanks</b>', format: 'html', replyToId: posted.id });
    expect(reply.replyToId).toBe(posted.id);
    expect(tb.mocks.state.microsoft_teams.posted.map((p) => p.body)).toEqual([{ contentType: 'text', content: 'Draft is up' }, { contentType: 'html', content: '<b>Thanks</b>' }]);

    const { chats } = await execute<{ chats: Array<{ id: string; topic?: string; members: string[] }> }>('microsoft_teams_list_chats', {});
    const crew = chats.find((c) => c.topic === 'Budget crew')!;
    expect(crew.members).toHaveLength(3);
    const before = await execute<{ messages: Array<{ text: string }> }>('microsoft_teams_list_chat_messages', { chatId: crew.id });
    expect(before.messages[0]!.text).toBe('Travel is 12% over, can someone check?');
    await execute('microsoft_teams_send_chat_message', { chatId: crew.id, text: 'Checking now' });
    const after = await execute<{ messages: Array<{ text: string }> }>('microsoft_teams_list_chat_messages', { chatId: crew.id, limit: 1 });
    expect(after.messages).toEqual([expect.objectContaining({ text: 'Checking now' })]);
  });
});
