import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { fieldValues, recordId, sObjectName } from '../salesforce-records.ts';

export const salesforceUpdateRecord = defineTool({
  name: 'salesforce_update_record',
  provider: 'salesforce',
  writes: true,
  description: 'Update fields of one Salesforce record of any object; only the fields given change (null clears a field).',
  scopes: ['api'],
  input: z.object({
    sObject: sObjectName,
    id: recordId,
    fields: fieldValues('Field values by API name, e.g. { "StageName": "Closed Won" }.'),
  }),
  async execute({ sObject, id, fields }, ctx) {
    // Salesforce answers 204 No Content: nothing to read back but the success.
    await ctx.request(path`/sobjects/${sObject}/${id}`, { method: 'PATCH', body: fields });
    return { id, sObject, updated: Object.keys(fields) };
  },
});
