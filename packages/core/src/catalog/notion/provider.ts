import { defineProvider } from '../../providers/index.ts';

/**
 * Notion authenticates the token request with HTTP Basic and wants its body as JSON. Every API call
 * needs a Notion-Version header, which the toolkit (index.ts) adds from NOTION_API_VERSION.
 */
export const notion = defineProvider({
  id: 'notion',
  name: 'Notion',
  docsUrl: 'https://developers.notion.com/docs/authorization',
  auth: {
    type: 'oauth2',
    authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    tokenEndpointAuthMethod: 'client_secret_basic',
    clientSecretBasicEncoding: 'raw',
    tokenRequestBody: 'json',
    authorizationParams: { owner: 'user' },
  },
  api: { baseUrl: 'https://api.notion.com', verify: { path: '/v1/users/me' } },
});
