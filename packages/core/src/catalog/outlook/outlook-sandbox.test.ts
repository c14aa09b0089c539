import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Outlook definition connected offline to the sandbox: its authorization and token
 * requests go to Microsoft's layout (`/{tenant}/oauth2/v2.0/…`, the tenant from the connection's
 * setting), the sandbox's consent screen, then the tools through ob.tools.execute against the
 * sandbox's Graph mock.
 */
describe('outlook against the sandbox', () => {
  let tb: ToolsTestbed;
  beforeAll(async () => {
    tb = await createToolsTestbed('sqlite');
  });
  afterAll(() => tb.close());

  it('connects on the tenant path, reads, searches, sends and replies', async () => {
    const { link } = await tb.ob.accounts.authorizationLink({ connection: 'outlook', identifier: 'u1' });
    const start = await tb.ob.handler(new Request(link));
    expect(new URL(start.headers.get('location')!).pathname).toBe('/common/oauth2/v2.0/authorize');
    await tb.connect('outlook', 'u1', 'alice');
    // The connection's token endpoint is Microsoft's layout: only the tenant path reached the sandbox's token endpoint.
    expect((await tb.ob.connections.get('outlook')).endpoints.tokenUrl).toMatch(/\/\{tenant\}\/oauth2\/v2\.0\/token$/);
    const account = await tb.ob.accounts.get({ connection: 'outlook', identifier: 'u1' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { userPrincipalName: 'alice@acme.test' } });
    expect(account.scopes).toEqual(expect.arrayContaining(['Mail.Read', 'Mail.Send', 'User.Read']));

    const execute = <T>(tool: string, input: unknown) => tb.ob.tools.execute<T>({ identifier: 'u1', tool, input, connection: 'outlook' }).then((r) => r.data);
    const unread = await execute<{ messages: Array<{ id: string; subject: string; unread?: boolean }> }>('outlook_list_messages', { unreadOnly: true });
    expect(unread.messages.map((m) => m.subject)).toEqual(['Q3 budget review', 'Lunch on Thursday?']);
    expect(unread.messages.every((m) => m.unread)).toBe(true);
    const found = await execute<{ messages: Array<{ id: string; subject: string }> }>('outlook_list_messages', { query: 'budget' });
    expect(found.messages.map((m) => m.subject)).toEqual(['Q3 budget review']);
    const message = await execute<{ body: string; from: string }>('outlook_get_message', { id: found.messages[0]!.id });
    expect(message.body).toContain('Travel is 12% over plan.');
    expect(message.body).not.toContain('<p>');

    expect(await execute('outlook_send_mail', { to: ['bob@example.com'], subject: 'Hello', body: 'Hi Bob' })).toMatchObject({ sent: true });
    expect(tb.mocks.state.outlook.sent.at(-1)?.message).toMatchObject({ subject: 'Hello', body: { contentType: 'Text', content: 'Hi Bob' }, toRecipients: [{ emailAddress: { address: 'bob@example.com' } }] });
    expect(await execute('outlook_reply', { id: found.messages[0]!.id, text: 'On it.' })).toMatchObject({ replied: true });
    expect(tb.mocks.state.outlook.replies.at(-1)).toMatchObject({ messageId: found.messages[0]!.id, comment: 'On it.', replyAll: false });

    // Graph's own error comes back as PROVIDER_API_ERROR with its code.
    await expect(execute('outlook_get_message', { id: 'AAMkAGnope=' })).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 404, providerCode: 'ErrorItemNotFound' } });

    // No per-token revocation at Microsoft: the tokens are deleted here and the answer says so.
    expect(await tb.ob.accounts.revoke({ connection: 'outlook', identifier: 'u1' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: false });
  });
});
