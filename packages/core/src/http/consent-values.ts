import { accountValues } from '../accounts/index.ts';
import type { Connection } from '../connections/index.ts';
import { consentFields, isPlaceholderValue, providerPlaceholders, type CredentialField, type Provider } from '../providers/index.ts';
import type { AccountRow, LinkRow } from '../store/index.ts';

/**
 * The pre-consent values of an OAuth provider for one authorization (Zendesk's subdomain,
 * Salesforce's login host), from what is known, lowest first: the connection's settings and the
 * fields' defaults, the account's values from an earlier consent, the link's fields. `missing`:
 * the fields to ask the person for, required ones without a usable value.
 */
export function consentValues(provider: Provider, connection: Connection, account: AccountRow, link: LinkRow): { known: Record<string, string>; missing: CredentialField[] } {
  const fields = consentFields(provider);
  if (fields.length === 0) return { known: {}, missing: [] };
  const fromAccount = accountValues(account);
  const fromLink = link.fields ? (JSON.parse(link.fields) as Record<string, string>) : {};
  const placeholders = providerPlaceholders(provider);
  const known: Record<string, string> = {};
  for (const field of fields) {
    const value = fromLink[field.name] ?? fromAccount[field.name] ?? connection.settings[field.name] ?? field.default;
    // Values stored before a pattern got stricter are asked for again rather than used.
    if (value && (!placeholders.has(field.name) || isPlaceholderValue(provider, field.name, value))) known[field.name] = value;
  }
  return { known, missing: fields.filter((field) => field.required && !known[field.name]) };
}
