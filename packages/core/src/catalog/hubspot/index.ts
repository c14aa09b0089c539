import { defineToolkit } from '../../tools/index.ts';
import { hubspotApiErrorInfo } from './hubspot-api-error.ts';
import { hubspot } from './provider.ts';
import { hubspotCreateDeal } from './tools/hubspot-create-deal.ts';
import { hubspotGetCompany } from './tools/hubspot-get-company.ts';
import { hubspotLogNote } from './tools/hubspot-log-note.ts';
import { hubspotSearchContacts } from './tools/hubspot-search-contacts.ts';
import { hubspotUpsertContact } from './tools/hubspot-upsert-contact.ts';

export { hubspot } from './provider.ts';

export const hubspotToolkit = defineToolkit({
  provider: hubspot,
  tools: [hubspotSearchContacts, hubspotUpsertContact, hubspotCreateDeal, hubspotLogNote, hubspotGetCompany],
  parseError: hubspotApiErrorInfo,
});
