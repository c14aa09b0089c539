import { defineProvider, type Provider, type ProviderAuth } from '../../src/providers/index.ts';

/** Every `https://host/…` URL of a value moved to `${wire}/host/…`. */
function moved(url: string, wire: string): string {
  return url.replace(/^https:\/\//, `${wire}/`);
}

/**
 * A catalog provider with every URL (OAuth endpoints, API base URLs) moved onto a local wire
 * server, its host kept as the first path segment: `https://{subdomain}.zendesk.com/oauth/tokens`
 * becomes `${wire}/{subdomain}.zendesk.com/oauth/tokens`. Its hooks, fields, patterns and
 * placeholders stay the real ones, so a lifecycle test drives the definition as shipped and sees,
 * in each request's path, which host it was meant for (`POST /acme.zendesk.com/oauth/tokens`).
 * Use it as an app provider (`providers: [onWire(provider, wire.url)]`): it keeps the catalog id,
 * so it replaces the built-in one.
 */
export function onWire(provider: Provider, wire: string): Provider {
  const { auth: _first, authMethods, ...rest } = provider;
  const methods = authMethods.map((method) => {
    const copy: Record<string, unknown> = { ...method };
    for (const [key, value] of Object.entries(method)) if (typeof value === 'string' && (key === 'issuer' || key.endsWith('Url'))) copy[key] = moved(value, wire);
    return copy as unknown as ProviderAuth;
  });
  return defineProvider({ ...rest, auth: methods, api: { ...provider.api, baseUrl: moved(provider.api.baseUrl, wire) } });
}
