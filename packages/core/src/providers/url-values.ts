import { OnBehalfError } from '../errors.ts';
import type { CredentialField, Provider } from './provider-types.ts';

/**
 * What a value that fills a `{placeholder}` of a provider URL accepts when the field declaring it
 * has no pattern of its own: one DNS host label. Anything else (a space, a dot, `@`, `/`) would
 * make another host or path out of the URL, or no URL at all.
 */
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

const DEFAULT_FIELDS: Record<'api_key' | 'basic' | 'bearer', CredentialField[]> = {
  api_key: [{ name: 'apiKey', label: 'API key', required: true, secret: true }],
  basic: [
    { name: 'username', label: 'Username', required: true },
    { name: 'password', label: 'Password', required: true, secret: true },
  ],
  bearer: [{ name: 'token', label: 'Token', required: true, secret: true }],
};

/** The fields a person fills in for a non-OAuth provider (the hosted form renders these). */
export function credentialFields(provider: Provider): CredentialField[] {
  if (provider.auth.type === 'oauth2' || provider.auth.type === 'oauth1') return [];
  if (provider.auth.type === 'jwt') return provider.auth.fields;
  return provider.auth.fields ?? DEFAULT_FIELDS[provider.auth.type];
}

/** The fields a person gives before consent to an OAuth provider (Zendesk's subdomain). */
export function consentFields(provider: Provider): CredentialField[] {
  return provider.auth.type === 'oauth2' ? (provider.auth.fields ?? []) : [];
}

/** The `{name}` placeholders of a URL template (`https://{subdomain}.atlassian.net`). */
export function urlPlaceholders(template: string | undefined): string[] {
  return template ? [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!) : [];
}

const declared = new WeakMap<Provider, Map<string, CredentialField>>();

/** Every field that may fill a URL placeholder: settings, consent fields, account values, credential fields. */
function declaredFields(provider: Provider): Map<string, CredentialField> {
  let byName = declared.get(provider);
  if (!byName) {
    byName = new Map();
    const oauth = provider.auth.type === 'oauth2' ? provider.auth : undefined;
    for (const field of [...(provider.settings ?? []), ...(oauth?.accountValues ?? []), ...consentFields(provider), ...credentialFields(provider)]) byName.set(field.name, field);
    declared.set(provider, byName);
  }
  return byName;
}

/**
 * Whether a value may fill the `{name}` placeholder of the provider's URLs: the declaring field's
 * pattern when it has one, otherwise one host label; never `.` or `..`, which a URL resolves.
 */
export function isPlaceholderValue(provider: Provider, name: string, value: string): boolean {
  if (value === '.' || value === '..' || value === '') return false;
  const pattern = declaredFields(provider).get(name)?.pattern;
  return pattern ? new RegExp(pattern).test(value) : HOST_LABEL.test(value);
}

/**
 * A provider URL with its `{name}` placeholders filled. Each value must be what its field accepts
 * and is percent-encoded, so `evil.example#`, `x@evil` or `../` cannot move the request to
 * another host or path: such a value fails here with a typed error naming the field, never the value.
 */
export function fillUrlTemplate(provider: Provider, template: string, values: Record<string, string>, what = 'API URL'): string {
  if (!template.includes('{')) return template;
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value) {
      throw new OnBehalfError('CONFIGURATION_ERROR', `The ${provider.name} ${what} needs '${name}', which this account and its connection do not have.`, { details: { provider: provider.id, field: name } });
    }
    if (!isPlaceholderValue(provider, name, value)) throw invalidValue(provider, name, what);
    return encodeURIComponent(value);
  });
  // A field's own pattern may still let through something no URL can hold.
  if (!URL.canParse(url)) throw invalidValue(provider, urlPlaceholders(template)[0] ?? 'url', what);
  return url;
}

function invalidValue(provider: Provider, name: string, what: string): OnBehalfError {
  return new OnBehalfError('INVALID_CREDENTIALS', `The ${provider.name} ${what} cannot be built from '${name}': it has an invalid format.`, {
    details: { provider: provider.id, field: name },
  });
}

/**
 * Checks values against their fields (required, pattern, one host label for a placeholder field
 * without a pattern) and applies defaults. Problems name fields, never values.
 */
export function checkFieldValues(provider: Provider, fields: readonly CredentialField[], input: Record<string, unknown> | undefined, placeholders: ReadonlySet<string>): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const field of fields) {
    const raw = input?.[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : null;
    if (value === null) {
      problems.push(`${field.name} must be a string`);
      continue;
    }
    const given = value || field.default || '';
    if (!given) {
      if (field.required) problems.push(`${field.name} is required`);
      continue;
    }
    const invalid = placeholders.has(field.name) ? !isPlaceholderValue(provider, field.name, given) : field.pattern !== undefined && !new RegExp(field.pattern).test(given);
    // The field's help says what it takes (Teams refuses the `consumers` tenant, and says why).
    if (invalid) problems.push(`${field.name} has an invalid format${field.help ? ` (${field.help})` : ''}`);
    values[field.name] = given;
  }
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input ?? {})) if (!known.has(key) && key !== 'type') problems.push(`${key} is not a field of ${provider.id}`);
  return { values, problems };
}

/** Every placeholder name used by the provider's URLs (OAuth endpoints and API base URLs). */
export function providerPlaceholders(provider: Provider): Set<string> {
  const names = new Set<string>();
  const add = (template: string | undefined) => urlPlaceholders(template).forEach((name) => names.add(name));
  add(provider.api.baseUrl);
  for (const method of provider.authMethods) {
    add(method.apiBaseUrl);
    // issuer and every endpoint (`…Url`: authorization, token, refresh, revocation, request token…).
    for (const [key, value] of Object.entries(method)) if (typeof value === 'string' && (key === 'issuer' || key.endsWith('Url'))) add(value);
  }
  return names;
}
