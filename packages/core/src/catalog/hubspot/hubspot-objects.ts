import { z } from 'zod';
import { providerError } from '../../api-client/index.ts';
import type { Provider } from '../../providers/index.ts';
import { compact, truncate } from '../../tools/index.ts';

/** A CRM object as HubSpot's v3 object APIs return it (`SimplePublicObject`). */
export interface HubspotObject {
  id: string;
  properties?: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  url?: string;
}

/** One batch answer (HTTP 200, or 207 with `errors` for the inputs that failed). */
export interface HubspotBatchAnswer<T> {
  status?: string;
  results?: T[];
  errors?: Array<{ message?: string; category?: string; subCategory?: string }>;
}

/** A record id: HubSpot ids are decimal numbers sent as strings. */
export const hubspotId = (description: string) => z.string().trim().regex(/^\d{1,20}$/, 'A HubSpot record id is a number').describe(description);

/** Property values as HubSpot stores them: strings (numbers, dates in ms and enum values included). */
export const hubspotProperties = (description: string) =>
  z.record(z.string().regex(/^[a-z0-9_]{1,100}$/, 'Property names are lowercase internal names'), z.string().max(65_536)).describe(description);

/** The object's properties without the empty ones, long values shortened, plus its id and dates. */
export function compactObject(object: HubspotObject, maxValue = 500): Record<string, unknown> {
  const properties = Object.fromEntries(
    Object.entries(object.properties ?? {})
      .filter(([name, value]) => value !== null && value !== '' && name !== 'hs_object_id')
      .map(([name, value]) => [name, truncate(String(value), maxValue)]),
  );
  return compact({ id: object.id, properties, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived || undefined });
}

/**
 * The only result of a one-input batch call. A 207 answer whose input failed carries the reason in
 * `errors`: a failure of the tool, reported as HubSpot's own message.
 */
export function firstBatchResult<T>(answer: HubspotBatchAnswer<T> | undefined, request: { provider: Provider; method: string; path: string }): T {
  const result = answer?.results?.[0];
  if (result) return result;
  const error = answer?.errors?.[0];
  const code = error?.subCategory ?? error?.category;
  throw providerError({ ...request, status: 207, message: error?.message ?? 'the batch answer has no result', ...(code ? { code } : {}) });
}
