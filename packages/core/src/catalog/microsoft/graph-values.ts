import { z } from 'zod';

/** Shapes Microsoft Graph uses across mail, calendar and Teams. */

export interface GraphEmailAddress {
  name?: string;
  address?: string;
}

export interface GraphRecipient {
  emailAddress?: GraphEmailAddress;
}

/** A page of a Graph collection. */
export interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** `{ emailAddress: { address } }`, the recipient shape of messages and events. */
export function toRecipient(address: string): { emailAddress: { address: string } } {
  return { emailAddress: { address } };
}

/** `Ada Lovelace <ada@example.com>`, or whichever half is there. */
export function formatAddress(recipient: GraphRecipient | undefined): string | undefined {
  const { name, address } = recipient?.emailAddress ?? {};
  if (name && address && name !== address) return `${name} <${address}>`;
  return address ?? name ?? undefined;
}

/**
 * A Graph `dateTimeTimeZone` (`{ dateTime: '2025-03-13T10:00:00.0000000', timeZone: 'UTC' }`)
 * as RFC 3339 when its zone is UTC (which the tools ask for), otherwise as given with its zone.
 */
export function formatDateTime(value: { dateTime?: string; timeZone?: string } | undefined): string | undefined {
  if (!value?.dateTime) return undefined;
  const trimmed = value.dateTime.replace(/\.0+$/, '').replace(/(\.\d{3})\d+$/, '$1');
  if (!value.timeZone || value.timeZone === 'UTC') return /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  return `${trimmed} (${value.timeZone})`;
}

/** An RFC 3339 instant as Graph's `dateTimeTimeZone` in UTC. */
export function toUtcDateTime(value: string): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: new Date(value).toISOString().replace(/\.000Z$/, '').replace(/Z$/, ''), timeZone: 'UTC' };
}

/** Asks Graph for event times in UTC, so the tools' output has one zone. */
export const UTC_TIMES = { prefer: 'outlook.timezone="UTC"' } as const;

/**
 * A Graph id the model passes back (a team GUID, a `19:…@thread.tacv2` channel, a chat). Graph ids
 * never hold `/ \ ? # %`, so such a value is a mistake the model should correct rather than a
 * path to send (`path` would keep it in its segment, but the request could only fail).
 */
export const graphId = (description: string, max = 300) =>
  z.string().trim().min(1).max(max).refine((v) => !/[\\/?#%]/.test(v) && v !== '.' && v !== '..', 'Not a Microsoft Graph id').describe(description);
