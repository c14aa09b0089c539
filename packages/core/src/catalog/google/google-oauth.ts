import type { OAuth2Auth } from '../../providers/index.ts';

/**
 * Google's OAuth 2.0, shared by every Google provider. Google issues a refresh token only with
 * access_type=offline, and only on first consent unless prompt=consent; its refresh responses never
 * carry a new refresh token (the old one is kept).
 */
export function googleOAuth(scopes: string[]): OAuth2Auth {
  return {
    type: 'oauth2',
    issuer: 'https://accounts.google.com',
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revocationUrl: 'https://oauth2.googleapis.com/revoke',
    userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
    defaultScopes: ['openid', 'email', ...scopes],
    authorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    tokenEndpointAuthMethod: 'client_secret_post',
  };
}
