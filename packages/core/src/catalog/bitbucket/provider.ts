import { defineProvider } from '../../providers/index.ts';
import { chooseBitbucketWorkspace } from './bitbucket-workspace.ts';

/** A Bitbucket workspace slug (`acme-inc`). */
const WORKSPACE = '^[a-z0-9][a-z0-9_.-]{0,61}$';

/**
 * Bitbucket Cloud (not Atlassian 3LO: no audience, no cloudId). OAuth 2.0 with the consumer's key
 * and secret by HTTP Basic at the token endpoint; the permissions are the checkboxes on the OAuth
 * consumer, so no scope needs to be sent; 2-hour access tokens with a refresh token (whatever
 * comes back on refresh is stored, in case it rotates); no revocation endpoint (the person removes
 * the app under Personal settings → App authorizations), so revoke is local. Its token answer names
 * the granted permissions `scopes`. The workspace the
 * tools default to is captured after consent (the link's `workspace` field, or the only one the
 * person has). API tokens or app passwords (Basic username + token) are the second method.
 */
export const bitbucket = defineProvider({
  id: 'bitbucket',
  name: 'Bitbucket',
  description: 'Bitbucket Cloud repositories, pull requests and files.',
  docsUrl: 'https://developer.atlassian.com/cloud/bitbucket/oauth-2/',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://bitbucket.org/site/oauth2/authorize',
      tokenUrl: 'https://bitbucket.org/site/oauth2/access_token',
      tokenEndpointAuthMethod: 'client_secret_basic',
      fields: [{ name: 'workspace', label: 'Bitbucket workspace, when you have several', pattern: WORKSPACE, placeholder: 'your-workspace' }],
      accountValues: [{ name: 'workspace', label: 'Bitbucket workspace', pattern: WORKSPACE }, { name: 'userUuid', label: 'Bitbucket account uuid', pattern: '^\\{[0-9a-f-]{36}\\}$' }],
      afterConsent: chooseBitbucketWorkspace,
      // Bitbucket names the granted permissions `scopes`, not RFC 6749's `scope`.
      normalizeTokenResponse: (raw) => (typeof raw.scopes === 'string' && raw.scope === undefined ? { ...raw, scope: raw.scopes } : raw),
    },
    {
      type: 'basic',
      fields: [
        { name: 'username', label: 'Atlassian account email (API token) or Bitbucket username (app password)', required: true },
        { name: 'password', label: 'API token or app password', required: true, secret: true, help: 'Atlassian account settings → Security → API tokens, with Bitbucket scopes.' },
      ],
    },
  ],
  api: { baseUrl: 'https://api.bitbucket.org/2.0', verify: { path: '/user' } },
});
