import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Trello definition connected offline to the sandbox's Trello (its OAuth 1.0a server and
 * API mock): a link, the sandbox's sign-in and "Allow" screens, the verifier exchange, then the
 * tools through ob.tools.execute with signed requests, and revocation at the mock.
 */
describe('trello against the sandbox', () => {
  let tb: ToolsTestbed;
  beforeAll(async () => {
    tb = await createToolsTestbed('sqlite');
  });
  afterAll(() => tb.close());

  it('connects through the sandbox consent, runs the tools, and revokes the token there', async () => {
    await tb.connect('trello', 'u1', 'alice');
    const account = await tb.ob.accounts.get({ connection: 'trello', identifier: 'u1' });
    const member = tb.mocks.state.trello.workspace('alice').member;
    expect(account).toMatchObject({ status: 'ACTIVE', authType: 'oauth1', scopes: ['read', 'write'], expiresAt: null, values: { memberId: member.id, username: 'alice' } });
    const credentials = await tb.ob.accounts.getCredentials({ connection: 'trello', identifier: 'u1' });
    expect(credentials.type).toBe('oauth1');
    const token = (credentials as { token: string }).token;
    expect(tb.mocks.state.trello.oauth.grant(token)).toMatchObject({ member: 'alice', scopes: ['read', 'write'] });

    const execute = <T>(tool: string, input: unknown) => tb.ob.tools.execute<T>({ identifier: 'u1', tool, input }).then((r) => r.data);
    const { boards } = await execute<{ boards: Array<{ id: string; name: string; lists: Array<{ id: string; name: string }> }> }>('trello_list_boards', {});
    expect(boards.map((b) => b.name)).toEqual(['Product Roadmap', 'Marketing']);
    // The member id captured at consent goes straight into the boards route: /members/me was asked once, at consent.
    expect(tb.mocks.requests.filter((r) => r.api === 'trello' && r.path === '/trello/1/members/me').length).toBe(1);
    expect(tb.mocks.requests.some((r) => r.path === `/trello/1/members/${member.id}/boards`)).toBe(true);
    const [todo, , done] = boards[0]!.lists;
    const card = await execute<{ id: string; listId: string }>('trello_create_card', { listId: todo!.id, name: 'Book the venue', pos: 'top' });
    const { cards } = await execute<{ cards: Array<{ id: string; name: string }> }>('trello_list_cards', { listId: todo!.id });
    expect(cards[0]).toMatchObject({ id: card.id, name: 'Book the venue' });
    expect(await execute('trello_move_card', { cardId: card.id, listId: done!.id })).toMatchObject({ id: card.id, listId: done!.id });
    expect(await execute('trello_comment_on_card', { cardId: card.id, text: 'Booked for the 12th.' })).toMatchObject({ cardId: card.id, text: 'Booked for the 12th.' });
    expect(tb.mocks.state.trello.workspace('alice').comments.map((c) => c.text)).toContain('Booked for the 12th.');

    // A card id the mock does not know: Trello's own message comes back as PROVIDER_API_ERROR.
    await expect(execute('trello_move_card', { cardId: 'f'.repeat(24), listId: done!.id })).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 404, providerMessage: 'The requested resource was not found.' } });

    expect(await tb.ob.accounts.revoke({ connection: 'trello', identifier: 'u1' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
    expect(tb.mocks.state.trello.oauth.grant(token)).toBeUndefined();
  });

  it('a member who revokes the app in Trello\'s settings: the next call fails with Trello\'s 401 and the account turns EXPIRED', async () => {
    await tb.connect('trello', 'u3', 'carol');
    const { token } = (await tb.ob.accounts.getCredentials({ connection: 'trello', identifier: 'u3' })) as { token: string };
    const boards = (await tb.ob.tools.execute<{ boards: Array<{ id: string }> }>({ identifier: 'u3', tool: 'trello_list_boards', input: {} })).data.boards;
    expect(boards.length).toBeGreaterThan(0);
    tb.mocks.state.trello.oauth.revoke(token);
    await expect(tb.ob.tools.execute({ identifier: 'u3', tool: 'trello_list_cards', input: { boardId: boards[0]!.id } })).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 401, providerMessage: 'invalid token' } });
    expect(await tb.ob.accounts.get({ connection: 'trello', identifier: 'u3' })).toMatchObject({ status: 'EXPIRED', statusReason: 'token_rejected' });
    await expect(tb.ob.tools.execute({ identifier: 'u3', tool: 'trello_list_boards', input: {} })).rejects.toMatchObject({ code: 'AUTHORIZATION_REQUIRED' });
  });

  it('a person who denies access at Trello is not connected', async () => {
    const { link } = await tb.ob.accounts.authorizationLink({ connection: 'trello', identifier: 'u2' });
    const start = await tb.ob.handler(new Request(link));
    const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const { callbackUrl } = await tb.sandbox.consent(start.headers.get('location')!, { user: 'bob', deny: true });
    const back = await tb.ob.handler(new Request(callbackUrl, { headers: { cookie } }));
    expect(back.status).toBe(400);
    expect(await tb.ob.accounts.get({ connection: 'trello', identifier: 'u2' })).toMatchObject({ status: 'PENDING' });
  });
});
