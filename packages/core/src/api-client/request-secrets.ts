import { credentialFields } from '../accounts/index.ts';
import type { RequestAuth } from './request-auth.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The values of the secret fields a header template (`Token token={apiKey}`) put into a header value. */
function templateSecrets(auth: Pick<RequestAuth, 'provider' | 'headers'>): string[] {
  const method = auth.provider.auth;
  if (method.type !== 'api_key' || method.queryParam) return [];
  const value = auth.headers[(method.header ?? 'authorization').toLowerCase()];
  if (value === undefined) return [];
  const names: string[] = [];
  const pattern = (method.template ?? 'Bearer {apiKey}').split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name) return escapeRegExp(part);
    names.push(name);
    return '(.*?)';
  }).join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(value);
  if (!match) return [];
  const secret = new Set(credentialFields(auth.provider).filter((field) => field.secret).map((field) => field.name));
  return names.flatMap((name, i) => (secret.has(name) && match[i + 1] ? [match[i + 1]!] : []));
}

/** For Basic auth, the decoded `user:password` and the password alone, as a provider may echo them. */
function basicSecrets(value: string): string[] {
  const encoded = /^Basic\s+(\S+)$/i.exec(value)?.[1];
  if (!encoded) return [];
  const pair = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon === -1 ? [pair] : [pair, pair.slice(colon + 1)];
}

/**
 * Every form in which the account's own secrets may come back in a provider's answer (an error
 * that echoes what it was sent): each credential header and query value, the credential after
 * its scheme (`Bearer …`), for Basic auth the decoded `user:password` and the password, for an
 * API-key template the secret fields it holds; each also URL-encoded. Provider default headers
 * (an API version, Accept) are not secrets.
 */
export function requestSecrets(auth: Pick<RequestAuth, 'provider' | 'headers' | 'query' | 'secrets' | 'extraTokens'>): string[] {
  const defaults = Object.entries(auth.provider.api.headers ?? {});
  const isDefault = (name: string, value: string) => defaults.some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === value);
  const found: string[] = [];
  for (const [name, value] of Object.entries(auth.headers)) {
    if (isDefault(name, value)) continue;
    found.push(value, value.slice(value.indexOf(' ') + 1), ...basicSecrets(value));
  }
  found.push(...Object.values(auth.query), ...templateSecrets(auth), ...(auth.secrets ?? []), ...Object.values(auth.extraTokens ?? {}).map((t) => t.accessToken));
  return [...new Set(found.flatMap((secret) => [secret, encodeURIComponent(secret)]))];
}
