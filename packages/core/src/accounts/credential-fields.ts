import { OnBehalfError } from '../errors.ts';
import type { CredentialField, Provider } from '../providers/index.ts';
import type { Credentials, StoredCredentials } from './account-types.ts';

const DEFAULT_FIELDS: Record<'api_key' | 'basic' | 'bearer', CredentialField[]> = {
  api_key: [{ name: 'apiKey', label: 'API key', required: true, secret: true }],
  basic: [
    { name: 'username', label: 'Username', required: true },
    { name: 'password', label: 'Password', required: true, secret: true },
  ],
  bearer: [{ name: 'token', label: 'Token', required: true, secret: true }],
};

/**
 * What a field that fills a `{placeholder}` of the API URL accepts when it has no pattern of its
 * own: one DNS host label. Anything else (a space, a dot, `@`, `/`) would make another host or
 * path out of the URL, or no URL at all.
 */
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The `{name}` placeholders of a URL template (`https://{subdomain}.atlassian.net`). */
function urlPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

/**
 * Whether a value may fill the `{name}` placeholder of the provider's API URL: the field's own
 * pattern when it has one, otherwise one host label; never `.` or `..`, which a URL resolves.
 */
export function isPlaceholderValue(provider: Provider, name: string, value: string): boolean {
  if (value === '.' || value === '..') return false;
  const pattern = credentialFields(provider).find((field) => field.name === name)?.pattern;
  return pattern ? new RegExp(pattern).test(value) : HOST_LABEL.test(value);
}

/** The fields a person fills in for a non-OAuth provider (the hosted form renders these). */
export function credentialFields(provider: Provider): CredentialField[] {
  if (provider.auth.type === 'oauth2') return [];
  return provider.auth.fields ?? DEFAULT_FIELDS[provider.auth.type];
}

/**
 * Checks submitted credentials against the provider's fields. Error messages name fields, never
 * values, so a pasted key cannot end up in a log through an error.
 */
export function validateCredentialValues(provider: Provider, input: Record<string, unknown>): StoredCredentials {
  const type = provider.auth.type;
  if (type === 'oauth2') {
    throw new OnBehalfError('INVALID_CREDENTIALS', `Provider '${provider.id}' uses OAuth 2.0: send the person through an authorization link instead.`);
  }
  if (!input || typeof input !== 'object') throw new OnBehalfError('INVALID_CREDENTIALS', 'credentials must be an object.');
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const placeholders = new Set(urlPlaceholders(provider.api.baseUrl));
  for (const field of credentialFields(provider)) {
    const raw = input[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : null;
    if (value === null) {
      problems.push(`${field.name} must be a string`);
      continue;
    }
    if (!value) {
      if (field.required) problems.push(`${field.name} is required`);
      continue;
    }
    const invalid = placeholders.has(field.name) ? !isPlaceholderValue(provider, field.name, value) : field.pattern !== undefined && !new RegExp(field.pattern).test(value);
    if (invalid) problems.push(`${field.name} has an invalid format`);
    values[field.name] = value;
  }
  const known = new Set(credentialFields(provider).map((f) => f.name));
  for (const key of Object.keys(input)) if (!known.has(key) && key !== 'type') problems.push(`${key} is not a field of ${provider.id}`);
  if (problems.length > 0) {
    throw new OnBehalfError('INVALID_CREDENTIALS', `Invalid credentials for ${provider.id}: ${problems.join('; ')}.`, { details: { problems } });
  }
  return { type, values };
}

/** The public, typed view of stored credentials. */
export function toCredentials(stored: StoredCredentials, extra: { expiresAt: Date | null; scopes: string[] }): Credentials {
  switch (stored.type) {
    case 'oauth2':
      return { type: 'oauth2', accessToken: stored.accessToken, refreshToken: stored.refreshToken, tokenType: stored.tokenType, idToken: stored.idToken, ...extra };
    case 'api_key':
      return { type: 'api_key', apiKey: stored.values.apiKey ?? '', fields: { ...stored.values } };
    case 'basic':
      return { type: 'basic', username: stored.values.username ?? '', password: stored.values.password ?? '', fields: { ...stored.values } };
    case 'bearer':
      return { type: 'bearer', token: stored.values.token ?? '', fields: { ...stored.values } };
  }
}
