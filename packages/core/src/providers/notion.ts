import { defineProvider } from './define-provider.ts';

/**
 * Notion authenticates the token request with HTTP Basic, wants its body as JSON, and requires a
 * Notion-Version header on every API call.
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
  api: { baseUrl: 'https://api.notion.com', headers: { 'notion-version': '2025-09-03' }, verify: { path: '/v1/users/me' } },
});
