import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { compactObject, hubspotId, type HubspotObject } from '../hubspot-objects.ts';

const DEFAULT_PROPERTIES = ['name', 'domain', 'industry', 'phone', 'city', 'country', 'numberofemployees', 'annualrevenue', 'lifecyclestage', 'description'];
/** Associated ids listed per kind: enough to follow up, bounded for a model. */
const MAX_ASSOCIATED = 25;

type Associations = Record<string, { results?: Array<{ id?: string }> }>;

export const hubspotGetCompany = defineTool({
  name: 'hubspot_get_company',
  provider: 'hubspot',
  description: 'Get one HubSpot company: its key properties and the ids of its contacts and deals.',
  scopes: ['crm.objects.companies.read'],
  input: z.object({
    companyId: hubspotId('The company\'s id.'),
    properties: z.array(z.string().regex(/^[a-z0-9_]{1,100}$/)).max(30).optional().describe('Internal property names to return instead of the default set.'),
  }),
  async execute({ companyId, properties }, ctx) {
    const company = await ctx.request<HubspotObject & { associations?: Associations }>(path`/crm/v3/objects/companies/${companyId}`, {
      query: { properties: (properties?.length ? properties : DEFAULT_PROPERTIES).join(','), associations: 'contacts,deals' },
    });
    const ids = (kind: string) => {
      const list = (company.associations?.[kind]?.results ?? []).map((a) => a.id).filter((id): id is string => typeof id === 'string');
      return list.length ? [...new Set(list)].slice(0, MAX_ASSOCIATED) : undefined;
    };
    return compact({ ...compactObject(company), contactIds: ids('contacts'), dealIds: ids('deals') });
  },
});
