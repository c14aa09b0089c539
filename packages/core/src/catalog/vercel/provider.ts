import { defineProvider } from '../../providers/index.ts';
import { chooseVercelScope } from './vercel-scope.ts';

/**
 * Vercel, two ways in:
 * - Vercel's OAuth server (Sign in with Vercel / Vercel Apps): PKCE required, client secret by
 *   HTTP Basic, one-hour access tokens and, with `offline_access`, 30-day refresh tokens that
 *   rotate on every use; RFC 7009 revocation. Resources owned by a team need `?teamId=` on every
 *   call: the link's `team` field (the team's slug) picks the team after consent, stored as the
 *   account's `teamId`; without it the tools act in the person's own scope.
 * - A personal access token, sent as a bearer token.
 */
export const vercel = defineProvider({
  id: 'vercel',
  name: 'Vercel',
  description: 'Vercel projects, deployments and their environment variable names.',
  docsUrl: 'https://vercel.com/docs/sign-in-with-vercel',
  auth: [
    {
      type: 'oauth2',
      authorizationUrl: 'https://vercel.com/oauth/authorize',
      tokenUrl: 'https://api.vercel.com/login/oauth/token',
      revocationUrl: 'https://api.vercel.com/login/oauth/token/revoke',
      tokenEndpointAuthMethod: 'client_secret_basic',
      defaultScopes: ['offline_access'],
      fields: [{ name: 'team', label: 'Vercel team (its slug), to act in a team rather than your own account', pattern: '^[a-z0-9][a-z0-9-]{0,47}$', placeholder: 'acme' }],
      accountValues: [
        { name: 'userId', label: 'Vercel user id', pattern: '^[A-Za-z0-9_-]{1,64}$' },
        { name: 'teamId', label: 'Vercel team id', pattern: '^team_[A-Za-z0-9]{1,64}$' },
      ],
      afterConsent: chooseVercelScope,
    },
    { type: 'bearer', fields: [{ name: 'token', label: 'Vercel access token', required: true, secret: true }] },
  ],
  api: { baseUrl: 'https://api.vercel.com', verify: { path: '/v2/user' } },
});
