import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMockRequests } from '../../../test/support/mock-requests-spec.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Salesforce definition connected through the sandbox: its token answers come without
 * `expires_in` and with `instance_url` and the identity URL, so the expiry is learnt from the
 * sandbox's introspection endpoint and the instance host, org and user ids are captured after
 * consent; the tools then run against the sandbox org.
 */
describe('Salesforce through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('salesforce', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('answers the token request in Salesforce\'s shape, and the account keeps what it needs', async () => {
    const account = await bed.ob.accounts.get({ connection: 'salesforce', identifier: 'alice' });
    expect(account.values).toMatchObject({ instanceHost: 'sandbox.my.salesforce.com', orgId: expect.stringMatching(/^00D\w{15}$/), userId: expect.stringMatching(/^005\w{15}$/) });
    // No expires_in: the expiry is the one the introspection endpoint gives for this token.
    const { accessToken } = (await bed.ob.accounts.getCredentials({ connection: 'salesforce', identifier: 'alice' })) as { accessToken: string };
    const introspected = await bed.sandbox.introspect(accessToken);
    expect(account.expiresAt?.getTime()).toBe((introspected as { exp: number }).exp * 1000);
  });

  it('describes, creates, reads, queries and updates records', async () => {
    const lead = await run<{ fields: Array<{ name: string; required?: boolean }> }>('salesforce_describe_object', { sObject: 'Lead' });
    expect(lead.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['LastName', 'Company']);
    const created = await run<{ id: string }>('salesforce_create_record', { sObject: 'Lead', fields: { LastName: 'Okafor', Company: 'Umbrella', Email: 'okafor@umbrella.example' } });
    expect(await run('salesforce_get_record', { sObject: 'Lead', id: created.id, fields: ['LastName', 'Status'] })).toEqual({ Id: created.id, LastName: 'Okafor', Status: 'Open - Not Contacted' });
    await run('salesforce_update_record', { sObject: 'Lead', id: created.id, fields: { Status: 'Working - Contacted' } });
    const found = await run<{ totalSize: number; records: Array<Record<string, unknown>> }>('salesforce_query', { soql: "SELECT Id, LastName, Status FROM Lead WHERE Company = 'Umbrella'" });
    expect(found).toEqual({ totalSize: 1, records: [{ Id: created.id, LastName: 'Okafor', Status: 'Working - Contacted' }] });
    const missing = await bed.ob.tools.execute({ identifier: 'alice', tool: 'salesforce_create_record', input: { sObject: 'Lead', fields: { LastName: 'NoCompany' } } }).then(() => undefined, (error: unknown) => error);
    expect(missing).toMatchObject({ code: 'PROVIDER_API_ERROR', details: { providerCode: 'REQUIRED_FIELD_MISSING' } });
  });

  it('sent only requests its description documents', () => {
    const checked = checkMockRequests(bed.mocks.requests, 'salesforce');
    expect(new Set(checked.map((c) => c.operation))).toEqual(new Set(['DescribeSObject', 'CreateRecord', 'GetRecord', 'UpdateRecord', 'Query']));
    for (const c of checked) expect(c).toMatchObject({ ok: true, problems: [] });
  });
});
