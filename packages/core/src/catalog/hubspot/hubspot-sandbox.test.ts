import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMockRequests } from '../../../test/support/mock-requests-spec.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real HubSpot definition connected through the sandbox: the code exchange posts its form body
 * with the secret in it, the answer names the portal (`hub_id`) and lists the scopes as an array,
 * and the CRM tools run against the sandbox portal.
 */
describe('HubSpot through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('hubspot', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('captured the portal id from the token answer, and its scopes array', async () => {
    const account = await bed.ob.accounts.get({ connection: 'hubspot', identifier: 'alice' });
    expect(account.values).toEqual({ portalId: String(bed.mocks.state.hubspot.portal('alice').portalId) });
    expect(account.scopes).toEqual(expect.arrayContaining(['crm.objects.contacts.read', 'crm.objects.companies.read']));
    // hub_id was in the answer: no account-info call was needed to learn the portal.
    expect(bed.mocks.requests.filter((r) => r.api === 'hubspot' && r.path === '/hubspot/account-info/v3/details')).toEqual([]);
  });

  it('searches and upserts contacts, creates a deal on them, logs a note and reads the company', async () => {
    const found = await run<{ contacts: Array<{ id: string }> }>('hubspot_search_contacts', { query: 'acme' });
    expect(found.contacts.map((c) => c.id)).toEqual(['501']);
    const updated = await run<{ created: boolean; id: string }>('hubspot_upsert_contact', { email: 'maria@acme.example', jobtitle: 'CTO' });
    expect(updated).toMatchObject({ created: false, id: '501', properties: expect.objectContaining({ jobtitle: 'CTO' }) });
    const created = await run<{ created: boolean; id: string }>('hubspot_upsert_contact', { email: 'new@acme.example', firstname: 'Nia' });
    expect(created.created).toBe(true);
    const deal = await run<{ id: string }>('hubspot_create_deal', { dealname: 'Acme expansion', amount: 5000, contactIds: ['501'], companyId: '77' });
    await run('hubspot_log_note', { recordType: 'deal', recordId: deal.id, body: 'Kick-off booked.' });
    const company = await run<Record<string, unknown>>('hubspot_get_company', { companyId: '77' });
    expect(company).toMatchObject({ id: '77', properties: expect.objectContaining({ name: 'Acme' }), contactIds: ['501'], dealIds: [deal.id] });
    const refused = await bed.ob.tools.execute({ identifier: 'alice', tool: 'hubspot_log_note', input: { recordType: 'company', recordId: '999', body: 'x' } }).then(() => undefined, (error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 400, providerCode: 'crm.associations.INVALID_OBJECT_IDS' } });
  });

  it('sent only requests its description documents', () => {
    const checked = checkMockRequests(bed.mocks.requests, 'hubspot', (path) => path === '/account-info/v3/details');
    expect(new Set(checked.map((c) => c.operation))).toEqual(new Set(['post-/crm/v3/objects/contacts/search_doSearch', 'post-/crm/v3/objects/contacts/batch/upsert_upsert', 'post-/crm/v3/objects/0-3_create', 'post-/crm/v3/objects/notes_create', 'get-/crm/v3/objects/companies/{companyId}_getById']));
    for (const c of checked) expect(c).toMatchObject({ ok: true, problems: [] });
  });
});
