import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal inputs give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What an approval is bound to: who the call acts for, through which connection and account
 * (alias), which tool, and its exact input. Any difference (another person, another of their
 * accounts, one changed field) is another call.
 */
export function canonicalCallHash(call: { identifier: string; connection: string; account?: string | undefined; tool: string; input: unknown }): string {
  return createHash('sha256').update(canonicalJson([call.identifier, call.connection, call.account ?? null, call.tool, call.input])).digest('base64url');
}
