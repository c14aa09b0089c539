import type { Connection } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { OAuth1Auth, Provider } from '../providers/index.ts';
import type { OAuth1Endpoints } from './oauth1-token-requests.ts';

/** The provider's OAuth 1.0a method, or a configuration error for a connection that uses another. */
export function oauth1Method(provider: Provider, connection: string): OAuth1Auth {
  if (provider.auth.type !== 'oauth1') throw new OnBehalfError('CONFIGURATION_ERROR', `Connection '${connection}' does not use OAuth 1.0a.`);
  return provider.auth;
}

/** The three endpoints of one connection: its overrides (a sandbox, a proxy) over the provider's URLs. */
export function oauth1Endpoints(auth: OAuth1Auth, connection: Pick<Connection, 'endpoints'>): OAuth1Endpoints {
  const ep = connection.endpoints;
  return {
    requestTokenUrl: ep.requestTokenUrl ?? auth.requestTokenUrl,
    authorizationUrl: ep.authorizationUrl ?? auth.authorizationUrl,
    tokenUrl: ep.tokenUrl ?? auth.tokenUrl,
  };
}

/** The consumer of a connection: its client id is the consumer key, its secret the consumer secret. */
export function oauth1Consumer(connection: Pick<Connection, 'name' | 'clientId'>, clientSecret: string | undefined): { key: string; secret: string } {
  if (!connection.clientId || !clientSecret) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Connection '${connection.name}' uses OAuth 1.0a and needs a clientId (the consumer key) and a clientSecret (the consumer secret).`, { details: { connection: connection.name } });
  }
  return { key: connection.clientId, secret: clientSecret };
}
