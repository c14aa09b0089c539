import { OnBehalfError } from '../errors.ts';
import type { Provider, ProviderAuth, ProviderDefinition } from './provider-types.ts';

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const AUTH_TYPES = new Set(['oauth2', 'oauth1', 'api_key', 'basic', 'bearer', 'jwt']);

function checkMethod(id: string, auth: ProviderAuth): void {
  if (!auth || !AUTH_TYPES.has(auth.type)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${id}': unknown auth type '${String(auth?.type)}' (expected ${[...AUTH_TYPES].join(', ')}).`);
  }
  if (auth.type === 'oauth2' && !auth.issuer && !(auth.authorizationUrl && auth.tokenUrl)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${id}': an OAuth 2.0 provider needs an issuer or authorizationUrl and tokenUrl.`);
  }
  if (auth.type === 'jwt' && (typeof auth.assertion !== 'function' || !Array.isArray(auth.fields) || ((auth.exchange ?? 'jwt-bearer') === 'jwt-bearer' && !auth.tokenUrl))) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${id}': a jwt auth method needs fields, an assertion builder and a tokenUrl (or its own exchange).`);
  }
  if (auth.type === 'oauth1' && !(auth.requestTokenUrl && auth.authorizationUrl && auth.tokenUrl)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${id}': an OAuth 1.0a provider needs requestTokenUrl, authorizationUrl and tokenUrl.`);
  }
}

/** Declares a provider, checking the parts that would otherwise fail late (at consent time). */
export function defineProvider(definition: ProviderDefinition | Provider): Provider {
  if (!ID_PATTERN.test(definition.id)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider id '${definition.id}' must be lowercase letters, digits, '-' or '_'.`);
  }
  // A defined provider passed again (a toolkit adding its API version) keeps all its methods.
  const declared = 'authMethods' in definition ? definition.authMethods : definition.auth;
  const authMethods: readonly ProviderAuth[] = Object.freeze(Array.isArray(declared) ? [...declared] : [declared as ProviderAuth]);
  if (authMethods.length === 0) throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${definition.id}' needs at least one auth method.`);
  const seen = new Set<string>();
  for (const method of authMethods) {
    checkMethod(definition.id, method);
    if (seen.has(method.type)) throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${definition.id}' declares two '${method.type}' auth methods; one per type.`);
    seen.add(method.type);
  }
  if (!definition.api?.baseUrl) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${definition.id}' needs api.baseUrl.`);
  }
  return Object.freeze({ ...definition, auth: authMethods[0]!, authMethods });
}
