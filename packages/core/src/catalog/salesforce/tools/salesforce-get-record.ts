import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { compactRecord, fieldList, recordId, sObjectName } from '../salesforce-records.ts';

export const salesforceGetRecord = defineTool({
  name: 'salesforce_get_record',
  provider: 'salesforce',
  description: 'Get one Salesforce record of any object by id, with the fields you name (or all of them, long texts shortened).',
  scopes: ['api'],
  input: z.object({
    sObject: sObjectName,
    id: recordId,
    fields: fieldList.optional().describe('Field API names to return, e.g. ["Name", "Industry", "Owner.Name"]; default all fields.'),
  }),
  async execute({ sObject, id, fields }, ctx) {
    const record = await ctx.request<Record<string, unknown>>(path`/sobjects/${sObject}/${id}`, { query: { fields: fields?.join(',') } });
    return compactRecord(record);
  },
});
