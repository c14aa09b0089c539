import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { fieldValues, sObjectName } from '../salesforce-records.ts';

export const salesforceCreateRecord = defineTool({
  name: 'salesforce_create_record',
  provider: 'salesforce',
  writes: true,
  description: 'Create a Salesforce record of any object (Lead, Contact, Opportunity, Case, Task, a custom object…). Use salesforce_describe_object first to learn the required fields and picklist values.',
  scopes: ['api'],
  input: z.object({
    sObject: sObjectName,
    fields: fieldValues('Field values by API name, e.g. { "LastName": "Johnson", "Company": "Acme" }.'),
  }),
  async execute({ sObject, fields }, ctx) {
    const answer = await ctx.request<{ id: string; success?: boolean }>(path`/sobjects/${sObject}`, { method: 'POST', body: fields });
    return { id: answer.id, sObject, created: answer.success !== false };
  },
});
