import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactObject, hubspotId, hubspotProperties, type HubspotObject } from '../hubspot-objects.ts';

/** HubSpot-defined association types (https://developers.hubspot.com/docs/api-reference/crm-associations-v4/guide). */
const DEAL_TO_CONTACT = 3;
const DEAL_TO_PRIMARY_COMPANY = 5;

export const hubspotCreateDeal = defineTool({
  name: 'hubspot_create_deal',
  provider: 'hubspot',
  writes: true,
  description: 'Create a HubSpot deal, optionally linked to contacts and a company. Without pipeline and dealstage HubSpot uses the default pipeline\'s first stage.',
  scopes: ['crm.objects.deals.write'],
  input: z.object({
    dealname: z.string().trim().min(1).max(500).describe('The deal\'s name.'),
    amount: z.number().nonnegative().optional().describe('Deal value in the portal\'s currency.'),
    dealstage: z.string().trim().max(100).optional().describe('Internal stage id, e.g. "appointmentscheduled" or "closedwon".'),
    pipeline: z.string().trim().max(100).optional().describe('Internal pipeline id; "default" is the standard sales pipeline.'),
    closedate: z.string().trim().max(40).optional().describe('Expected close date, ISO 8601 (2026-03-31 or 2026-03-31T12:00:00Z).'),
    contactIds: z.array(hubspotId('Contact id')).max(10).optional().describe('Contacts to link the deal to.'),
    companyId: hubspotId('Company to link as the deal\'s primary company.').optional(),
    properties: hubspotProperties('Other deal properties by internal name.').optional(),
  }),
  async execute({ contactIds, companyId, properties, amount, ...named }, ctx) {
    const associations = [
      ...(contactIds ?? []).map((id) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: DEAL_TO_CONTACT }] })),
      ...(companyId ? [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: DEAL_TO_PRIMARY_COMPANY }] }] : []),
    ];
    const deal = await ctx.request<HubspotObject>('/crm/v3/objects/deals', {
      method: 'POST',
      body: { properties: { ...properties, ...compact(named), ...(amount === undefined ? {} : { amount: String(amount) }) }, associations },
    });
    return compactObject(deal);
  },
});
