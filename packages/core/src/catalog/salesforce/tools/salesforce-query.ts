import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { compactRecord } from '../salesforce-records.ts';

export const salesforceQuery = defineTool({
  name: 'salesforce_query',
  provider: 'salesforce',
  description: 'Run a read-only SOQL query in Salesforce, e.g. SELECT Id, Name, Amount FROM Opportunity WHERE StageName = \'Prospecting\' ORDER BY CreatedDate DESC LIMIT 20. Returns at most maxRecords records; use LIMIT and WHERE to narrow.',
  scopes: ['api'],
  input: z.object({
    soql: z.string().trim().min(1).max(20_000).refine((q) => /^select\s/i.test(q), 'Only SELECT queries').describe('The SOQL SELECT statement.'),
    maxRecords: z.number().int().min(1).max(200).default(50).describe('Records to return at most (1-200); add a LIMIT to the query to fetch no more than that.'),
  }),
  async execute({ soql, maxRecords }, ctx) {
    const answer = await ctx.request<{ totalSize?: number; done?: boolean; records?: Array<Record<string, unknown>> }>('/query', { query: { q: soql } });
    const records = (answer?.records ?? []).slice(0, maxRecords).map((record) => compactRecord(record, 500));
    return compact({
      totalSize: answer?.totalSize,
      records,
      truncated: (answer?.done === false || (answer?.records?.length ?? 0) > maxRecords) || undefined,
    });
  },
});
