import { OnBehalfError } from '../errors.ts';
import type { AuthType, Provider } from './provider-types.ts';

const views = new WeakMap<Provider, Map<AuthType, Provider>>();

/**
 * The provider as one connection uses it: `auth` is the method the connection picked (default:
 * the first one declared) and `api.baseUrl` that method's own base URL when it has one. Memoised,
 * since every token read and tool call asks for it.
 */
export function withAuthMethod(provider: Provider, type: AuthType | undefined): Provider {
  const wanted = type ?? provider.authMethods[0]!.type;
  let byType = views.get(provider);
  const cached = byType?.get(wanted);
  if (cached) return cached;
  const method = provider.authMethods.find((m) => m.type === wanted);
  if (!method) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${provider.id}' has no '${wanted}' auth method (it offers ${provider.authMethods.map((m) => m.type).join(', ')}).`, {
      details: { provider: provider.id, auth: wanted },
    });
  }
  const view: Provider = method === provider.auth && !method.apiBaseUrl && !method.verify
    ? provider
    : Object.freeze({ ...provider, auth: method, api: { ...provider.api, baseUrl: method.apiBaseUrl ?? provider.api.baseUrl, ...(method.verify || provider.api.verify ? { verify: method.verify ?? provider.api.verify } : {}) } });
  if (!byType) views.set(provider, (byType = new Map()));
  byType.set(wanted, view);
  return view;
}
