import { defineProvider } from '../../providers/index.ts';
import { figmaIdentity } from './figma-identity.ts';
import { figmaTokenError } from './figma-oauth.ts';

/**
 * Figma. OAuth first: the code goes to `api.figma.com/v1/oauth/token` with HTTP Basic client
 * authentication (required since the 2025 move from `www.figma.com/api/oauth/*`, which now
 * answers 404), and the refresh grant to its own endpoint, `/v1/oauth/refresh`, whose answer has
 * a new access token and `expires_in` but no refresh token: the old one stays. Scopes are the
 * granular ones (`file_content:read`, `file_comments:write`…), comma-separated. Figma has no
 * revocation endpoint: `revoke()` deletes the tokens here and the person removes the app in
 * their Figma settings. Personal access tokens (`X-Figma-Token` header) are the second method.
 */
export const figma = defineProvider({
  id: 'figma',
  name: 'Figma',
  docsUrl: 'https://developers.figma.com/docs/rest-api/authentication/#create-an-oauth-app',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://www.figma.com/oauth',
      tokenUrl: 'https://api.figma.com/v1/oauth/token',
      refreshUrl: 'https://api.figma.com/v1/oauth/refresh',
      tokenEndpointAuthMethod: 'client_secret_basic',
      scopeSeparator: ',',
      defaultScopes: ['current_user:read'],
      normalizeTokenError: figmaTokenError,
      afterConsent: figmaIdentity,
      accountValues: [{ name: 'userId', label: 'Figma user id', pattern: '^\\d{1,24}$' }],
    },
    {
      type: 'api_key',
      header: 'X-Figma-Token',
      template: '{apiKey}',
      fields: [{
        name: 'apiKey',
        label: 'Figma personal access token',
        required: true,
        secret: true,
        help: 'Created in Figma under Settings → Security → Personal access tokens, with the scopes the tools need.',
      }],
    },
  ],
  api: { baseUrl: 'https://api.figma.com', verify: { path: '/v1/me' } },
});
