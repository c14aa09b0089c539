import { defineProvider } from '../../providers/index.ts';
import { NOTION_UUID_PATTERN, notionIdentity } from './notion-identity.ts';
import { notionRevoke } from './notion-revoke.ts';

/**
 * Notion authenticates the token request with HTTP Basic (raw id:secret) and wants its body as
 * JSON. It issues a refresh token that rotates on every refresh, with no `expires_in`: the access
 * token is used until the API answers 401, then refreshed once (connections made before Notion
 * issued refresh tokens have `refresh_token: null` and keep working until such a 401, which then
 * ends them as EXPIRED). Every API call needs a Notion-Version header, which the toolkit
 * (index.ts) adds from NOTION_API_VERSION; revocation is Notion's own JSON request. The token
 * answer's bot_id and workspace_id are kept on the account (notion-identity.ts).
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
    afterConsent: notionIdentity,
    accountValues: [
      { name: 'botId', label: 'Notion bot id (one per connection)', pattern: NOTION_UUID_PATTERN },
      { name: 'workspaceId', label: 'Notion workspace id', pattern: NOTION_UUID_PATTERN },
    ],
  },
  api: { baseUrl: 'https://api.notion.com', verify: { path: '/v1/users/me' } },
});
