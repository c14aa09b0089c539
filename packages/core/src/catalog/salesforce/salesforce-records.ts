import { z } from 'zod';
import { truncate } from '../../tools/index.ts';

/** An sObject API name: standard (`Account`) or custom (`Invoice__c`, `ns__Thing__c`). */
export const sObjectName = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'An sObject API name such as Account or Invoice__c').describe('The object\'s API name, e.g. Account, Contact, Opportunity, Case or a custom Invoice__c.');

/** A record id, 15 or 18 characters. */
export const recordId = z.string().trim().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'A Salesforce record id has 15 or 18 letters and digits').describe('The record\'s 15- or 18-character id.');

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}(?:\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$/, 'A field API name');

/** Field values to write: by API name; strings, numbers, booleans, or null to clear a field. */
export const fieldValues = (description: string) =>
  z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'A field API name such as Name or Amount__c'), z.union([z.string().max(131_072), z.number(), z.boolean(), z.null()]))
    .refine((values) => Object.keys(values).length > 0 && Object.keys(values).length <= 200, 'Give between 1 and 200 fields')
    .describe(description);

export const fieldList = z.array(fieldName).min(1).max(100);

/** A record without its `attributes` envelope, long text values shortened, nested records compacted too. */
export function compactRecord(record: Record<string, unknown>, maxText = 1000): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' || value === null || value === undefined) continue;
    if (typeof value === 'string') out[key] = truncate(value, maxText);
    else if (typeof value === 'object' && !Array.isArray(value)) {
      // A relationship query nests `{ attributes, Name }` (parent) or `{ totalSize, records }` (children).
      const nested = value as { records?: unknown };
      out[key] = Array.isArray(nested.records) ? nested.records.slice(0, 20).map((r) => compactRecord(r as Record<string, unknown>, 200)) : compactRecord(value as Record<string, unknown>, 200);
    } else out[key] = value;
  }
  return out;
}
