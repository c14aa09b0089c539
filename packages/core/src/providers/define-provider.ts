import { OnBehalfError } from '../errors.ts';
import type { Provider, ProviderDefinition } from './provider-types.ts';

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Declares a provider, checking the parts that would otherwise fail late (at consent time). */
export function defineProvider(definition: ProviderDefinition): Provider {
  if (!ID_PATTERN.test(definition.id)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider id '${definition.id}' must be lowercase letters, digits, '-' or '_'.`);
  }
  const { auth } = definition;
  if (auth.type === 'oauth2' && !auth.issuer && !(auth.authorizationUrl && auth.tokenUrl)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${definition.id}': an OAuth 2.0 provider needs an issuer or authorizationUrl and tokenUrl.`);
  }
  if (!definition.api?.baseUrl) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${definition.id}' needs api.baseUrl.`);
  }
  return Object.freeze({ ...definition });
}
