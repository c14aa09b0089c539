import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactObject, type HubspotObject } from '../hubspot-objects.ts';

/** What a model usually needs to tell contacts apart; more can be asked for with `properties`. */
const DEFAULT_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'company', 'jobtitle', 'lifecyclestage'];

export const hubspotSearchContacts = defineTool({
  name: 'hubspot_search_contacts',
  provider: 'hubspot',
  description: 'Search HubSpot CRM contacts by free text (name, email, phone, company) and/or an exact email. Returns ids and key properties; pass nextAfter back as after for more.',
  scopes: ['crm.objects.contacts.read'],
  input: z.object({
    query: z.string().trim().max(3000).optional().describe('Free text HubSpot matches against names, emails, phone numbers and company names.'),
    email: z.string().trim().max(254).optional().describe('Only the contact with exactly this email address.'),
    properties: z.array(z.string().regex(/^[a-z0-9_]{1,100}$/)).max(30).optional().describe('Internal property names to return instead of the default set (firstname, lastname, email, phone, company, jobtitle, lifecyclestage).'),
    limit: z.number().int().min(1).max(100).default(10).describe('Contacts per page (1-100).'),
    after: z.string().regex(/^\d{1,10}$/).optional().describe('The nextAfter cursor of the previous page.'),
  }),
  async execute({ query, email, properties, limit, after }, ctx) {
    const answer = await ctx.request<{ total?: number; results?: HubspotObject[]; paging?: { next?: { after?: string } } }>('/crm/v3/objects/contacts/search', {
      method: 'POST',
      body: {
        ...(query ? { query } : {}),
        filterGroups: email ? [{ filters: [{ propertyName: 'email', operator: 'EQ', value: email }] }] : [],
        properties: properties?.length ? properties : DEFAULT_PROPERTIES,
        sorts: [],
        limit,
        after: after ?? '0',
      },
    });
    return compact({
      total: answer?.total,
      contacts: (answer?.results ?? []).slice(0, limit).map((contact) => compactObject(contact, 300)),
      nextAfter: answer?.paging?.next?.after,
    });
  },
});
