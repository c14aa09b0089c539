import type { Connection } from '../connections/index.ts';
import type { Provider } from '../providers/index.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What stops a connection from working, found from its public configuration alone (no secret is
 * read): the admin dashboard lists these next to each connection, and `onbehalf doctor` fails on
 * them. `provider` is the connection's provider with the auth method the connection uses.
 */
export function connectionProblems(connection: Connection, provider: Provider, baseUrl: string | undefined): string[] {
  const problems: string[] = [];
  const type = provider.auth.type;
  if (type !== 'oauth2' && type !== 'oauth1') return problems;
  if (!connection.clientId) problems.push(`no client id: register an app at ${provider.name} and set clientId`);
  const publicClient = type === 'oauth2' && provider.auth.tokenEndpointAuthMethod === 'none';
  if (!publicClient && !connection.hasClientSecret) problems.push(`no client secret: ${provider.name} authenticates the app with its secret`);
  if (!baseUrl) {
    problems.push('baseUrl is not set: there is no redirect URI to register, and no authorization link can be made');
  } else {
    const url = new URL(baseUrl);
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
      problems.push(`baseUrl is http on ${url.hostname}: providers accept plain-http redirect URIs only on localhost`);
    }
  }
  return problems;
}
