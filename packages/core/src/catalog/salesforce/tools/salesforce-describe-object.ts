import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { sObjectName } from '../salesforce-records.ts';

interface DescribeField {
  name: string;
  label?: string;
  type?: string;
  length?: number;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultedOnCreate?: boolean;
  referenceTo?: string[];
  picklistValues?: Array<{ value?: string; active?: boolean }>;
}

/** Picklist values shown per field: enough to pick one, bounded for a model. */
const MAX_PICKLIST = 25;

export const salesforceDescribeObject = defineTool({
  name: 'salesforce_describe_object',
  provider: 'salesforce',
  description: 'Describe a Salesforce object\'s fields: API names, types, which are required to create a record, picklist values and lookups. Use before creating or updating records or writing SOQL.',
  scopes: ['api'],
  input: z.object({
    sObject: sObjectName,
    maxFields: z.number().int().min(1).max(500).default(100).describe('Fields to list at most (1-500); required and writable fields come first.'),
    search: z.string().trim().max(80).optional().describe('Only fields whose API name or label contains this text.'),
  }),
  async execute({ sObject, maxFields, search }, ctx) {
    const described = await ctx.request<{ name: string; label?: string; createable?: boolean; updateable?: boolean; fields?: DescribeField[] }>(path`/sobjects/${sObject}/describe`);
    const needle = search?.toLowerCase();
    const required = (f: DescribeField) => f.createable === true && f.nillable === false && f.defaultedOnCreate !== true && f.type !== 'boolean';
    const matching = (described.fields ?? []).filter((f) => !needle || f.name.toLowerCase().includes(needle) || (f.label ?? '').toLowerCase().includes(needle));
    // Stable order: required first, then writable, then read-only, each as Salesforce lists them.
    const rank = (f: DescribeField) => (required(f) ? 0 : f.createable || f.updateable ? 1 : 2);
    const ordered = matching.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
    return compact({
      name: described.name,
      label: described.label,
      totalFields: matching.length,
      fields: ordered.slice(0, maxFields).map((f) => {
        const values = (f.picklistValues ?? []).filter((p) => p.active !== false && typeof p.value === 'string').map((p) => truncate(p.value!, 100));
        return compact({
          name: f.name,
          label: f.label,
          type: f.type,
          required: required(f) || undefined,
          readOnly: !f.createable && !f.updateable ? true : undefined,
          length: f.type === 'string' || f.type === 'textarea' ? f.length : undefined,
          referenceTo: f.referenceTo?.length ? f.referenceTo.slice(0, 5) : undefined,
          picklist: values.length ? values.slice(0, MAX_PICKLIST) : undefined,
          morePicklistValues: values.length > MAX_PICKLIST || undefined,
        });
      }),
    });
  },
});
