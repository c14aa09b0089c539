import { defineProviderModule } from '../../mock-api/index.ts';
import { createMondayMock } from './monday-mock.ts';

/**
 * monday.com's GraphQL API: the catalog's API base is `https://api.monday.com` (tools post to
 * `/v2`), here `/monday`. Its OAuth 2.1 token request is JSON, which the OIDC server re-encodes
 * as it does Notion's (both send `application/json`), so no dialect of its own is needed. A
 * connection revokes at monday's own `/oauth_ms/oauth/revoke` on the mock (monday's JSON request
 * and `{ success: true }` answer); authorization and tokens stay with the OIDC server.
 */
export const mondayProvider = defineProviderModule({
  id: 'monday',
  prefix: '/monday',
  realBase: 'https://api.monday.com',
  apiBasePath: '/monday',
  jsonType: 'application/json; charset=utf-8',
  createMock: createMondayMock,
  oauthEndpoints: (origin) => ({ authorizationUrl: `${origin}/auth`, tokenUrl: `${origin}/token`, revocationUrl: `${origin}/monday/oauth_ms/oauth/revoke` }),
});
