import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMockRequests } from '../../../test/support/mock-requests-spec.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Zendesk definition connected through the sandbox: the link carries the subdomain asked
 * before consent, both grants send `expires_in=1800` (which the sandbox accepts), refresh tokens
 * rotate, and the ticket tools run against the sandbox account.
 */
describe('Zendesk through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'zendesk', identifier: 'alice', fields: { subdomain: 'acme' } });
    expect(await bed.follow(link)).toBe(200);
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('connects with the subdomain given before consent and refreshes with a rotated token', async () => {
    expect(await bed.ob.accounts.get({ connection: 'zendesk', identifier: 'alice' })).toMatchObject({ status: 'ACTIVE', values: { subdomain: 'acme' } });
    const before = (await bed.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'alice' })) as { refreshToken: string };
    await bed.ob.accounts.refresh({ connection: 'zendesk', identifier: 'alice' });
    const after = (await bed.ob.accounts.getCredentials({ connection: 'zendesk', identifier: 'alice' })) as { refreshToken: string };
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('searches, reads, creates, comments on and solves tickets', async () => {
    const open = await run<{ tickets: Array<{ id: number }> }>('zendesk_search_tickets', { query: 'refund', status: 'open' });
    expect(open.tickets.map((t) => t.id)).toEqual([35436]);
    const created = await run<{ id: number; status: string }>('zendesk_create_ticket', { subject: 'VPN down', body: 'The VPN drops every hour.', priority: 'high' });
    expect(created.status).toBe('new');
    await run('zendesk_add_comment', { ticket_id: created.id, body: 'Checking the gateway logs.', public: false });
    expect(await run('zendesk_update_status', { ticket_id: created.id, status: 'solved', note: 'Gateway restarted.' })).toMatchObject({ ticketId: created.id, status: 'solved' });
    const ticket = await run<{ status: string; comments: Array<{ public: boolean; body: string }> }>('zendesk_get_ticket', { ticket_id: created.id });
    expect(ticket.status).toBe('solved');
    expect(ticket.comments.map((c) => [c.public, c.body])).toEqual([[false, 'Gateway restarted.'], [false, 'Checking the gateway logs.'], [true, 'The VPN drops every hour.']]);
  });

  it('sent only requests its description documents', () => {
    const checked = checkMockRequests(bed.mocks.requests, 'zendesk');
    expect(new Set(checked.map((c) => c.operation))).toEqual(new Set(['ListSearchResults', 'CreateTicket', 'UpdateTicket', 'ShowTicket', 'ListTicketComments']));
    for (const c of checked) expect(c).toMatchObject({ ok: true, problems: [] });
  });
});
