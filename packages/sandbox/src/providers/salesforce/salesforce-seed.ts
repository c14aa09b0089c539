import { seededRandom } from '../../mock-api/index.ts';

/** The instance the sandbox names in `instance_url` (its API answers on the sandbox origin). */
export const SALESFORCE_MOCK_HOST = 'sandbox.my.salesforce.com';

export type SalesforceRecord = Record<string, string | number | boolean | null> & { Id: string };

export interface SalesforceField { name: string; label: string; type: string; length?: number; nillable: boolean; createable: boolean; updateable: boolean; defaultedOnCreate: boolean; referenceTo: string[]; picklistValues: Array<{ value: string; label: string; active: boolean; defaultValue: boolean }> }

const field = (name: string, label: string, type: string, options: Partial<SalesforceField> = {}): SalesforceField => ({
  name, label, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, referenceTo: [], picklistValues: [], ...(type === 'string' ? { length: 255 } : {}), ...options,
});
const idField = (label: string) => field('Id', label, 'id', { length: 18, nillable: false, createable: false, updateable: false, defaultedOnCreate: true });
const picklist = (...values: string[]) => values.map((value, i) => ({ value, label: value, active: true, defaultValue: i === 0 }));

/** The objects the sandbox org has, with the fields its describe answers list. */
export const SALESFORCE_OBJECTS: Record<string, { prefix: string; label: string; fields: SalesforceField[] }> = {
  Account: { prefix: '001', label: 'Account', fields: [idField('Account ID'), field('Name', 'Account Name', 'string', { nillable: false }), field('Industry', 'Industry', 'picklist', { picklistValues: picklist('Technology', 'Manufacturing', 'Retail') }), field('Website', 'Website', 'url')] },
  Contact: { prefix: '003', label: 'Contact', fields: [idField('Contact ID'), field('FirstName', 'First Name', 'string'), field('LastName', 'Last Name', 'string', { nillable: false }), field('Email', 'Email', 'email'), field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'] })] },
  Lead: { prefix: '00Q', label: 'Lead', fields: [idField('Lead ID'), field('LastName', 'Last Name', 'string', { nillable: false }), field('Company', 'Company', 'string', { nillable: false }), field('Email', 'Email', 'email'), field('Status', 'Status', 'picklist', { nillable: false, defaultedOnCreate: true, picklistValues: picklist('Open - Not Contacted', 'Working - Contacted', 'Closed - Converted') })] },
  Opportunity: { prefix: '006', label: 'Opportunity', fields: [idField('Opportunity ID'), field('Name', 'Name', 'string', { nillable: false }), field('StageName', 'Stage', 'picklist', { nillable: false, picklistValues: picklist('Prospecting', 'Negotiation/Review', 'Closed Won', 'Closed Lost') }), field('Amount', 'Amount', 'currency'), field('CloseDate', 'Close Date', 'date', { nillable: false }), field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'] })] },
};

/** Org and user ids for a sandbox client: stable, 18 characters like Salesforce's. */
export function salesforceIds(key: string): { orgId: string; userId: string } {
  const random = seededRandom('salesforce-ids', key);
  return { orgId: `00D${random.alnum(12)}EAA`, userId: `005${random.alnum(12)}AAA` };
}

export function recordId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

/** A small org per user: two accounts, their contacts, a lead and an opportunity. */
export function salesforceSeed(): Record<string, SalesforceRecord[]> {
  const account = (n: number, Name: string, Industry: string) => ({ Id: recordId('001', n), Name, Industry, Website: `https://${Name.toLowerCase().replace(/\W+/g, '')}.example` });
  return {
    Account: [account(1, 'Acme', 'Technology'), account(2, 'Globex', 'Manufacturing')],
    Contact: [
      { Id: recordId('003', 1), FirstName: 'Maria', LastName: 'Johnson', Email: 'maria@acme.example', AccountId: recordId('001', 1) },
      { Id: recordId('003', 2), FirstName: 'Li', LastName: 'Wei', Email: 'li@globex.example', AccountId: recordId('001', 2) },
    ],
    Lead: [{ Id: recordId('00Q', 1), LastName: 'Park', Company: 'Initech', Email: 'park@initech.example', Status: 'Open - Not Contacted' }],
    Opportunity: [{ Id: recordId('006', 1), Name: 'Acme renewal', StageName: 'Prospecting', Amount: 12000, CloseDate: '2026-03-31', AccountId: recordId('001', 1) }],
  };
}
