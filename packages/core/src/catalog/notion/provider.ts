import { defineProvider } from '../../providers/index.ts';
import { notionRevoke } from './notion-revoke.ts';

/**
 * Notion authenticates the token request with HTTP Basic (raw id:secret) and wants its body as
 * JSON. It issues a refresh token that rotates on every refresh, with no `expires_in`: the access
 * token is used until the API answers 401, then refreshed once (connections made before Notion
 * issued refresh tokens have `refresh_token: null` and keep working until such a 401, which then
 * ends them as EXPIRED). Every API call needs a Notion-Version header, which the toolkit
 * (index.ts) adds from NOTION_API_VERSION; revocation is Notion's own JSON request.
 */
export const notion = defineProvider({
  id: 'notion',
  name: 'Notion',
  docsUrl: 'https://developers.notion.com/docs/authorization',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    revocationUrl: 'https://api.notion.com/v1/oauth/revoke',
    tokenEndpointAuthMethod: 'client_secret_basic',
    clientSecretBasicEncoding: 'raw',
    tokenRequestBody: 'json',
    authorizationParams: { owner: 'user' },
    revoke: notionRevoke,
  },
  api: { baseUrl: 'https://api.notion.com', verify: { path: '/v1/users/me' } },
});
