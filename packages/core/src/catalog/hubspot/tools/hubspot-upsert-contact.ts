import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactObject, firstBatchResult, hubspotProperties, type HubspotBatchAnswer, type HubspotObject } from '../hubspot-objects.ts';

const PATH = '/crm/v3/objects/contacts/batch/upsert';

export const hubspotUpsertContact = defineTool({
  name: 'hubspot_upsert_contact',
  provider: 'hubspot',
  writes: true,
  description: 'Create a HubSpot contact, or update the existing one with the same email address. Set only the properties you want to change.',
  scopes: ['crm.objects.contacts.write'],
  input: z.object({
    email: z.string().trim().min(3).max(254).describe('The contact\'s email address: it identifies the contact to update, or becomes the new contact\'s email.'),
    firstname: z.string().trim().max(200).optional(),
    lastname: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(50).optional(),
    company: z.string().trim().max(200).optional().describe('Company name as text on the contact (not an association).'),
    jobtitle: z.string().trim().max(200).optional(),
    properties: hubspotProperties('Other contact properties by internal name, e.g. { "lifecyclestage": "lead" }.').optional(),
  }),
  async execute({ email, properties, ...named }, ctx) {
    const answer = await ctx.request<HubspotBatchAnswer<HubspotObject & { new?: boolean }>>(PATH, {
      method: 'POST',
      body: { inputs: [{ id: email, idProperty: 'email', properties: { ...properties, ...compact(named), email } }] },
    });
    const contact = firstBatchResult(answer, { provider: ctx.provider, method: 'POST', path: PATH });
    return { created: contact.new === true, ...compactObject(contact) };
  },
});
