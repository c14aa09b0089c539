import type { OAuth2Auth } from '../../providers/index.ts';

const GMAIL = 'https://www.googleapis.com/auth/gmail.';
const CALENDAR = 'https://www.googleapis.com/auth/calendar';
const DRIVE = 'https://www.googleapis.com/auth/drive';

/**
 * Which Google scopes include which, as Google's scope pages describe them (Gmail: "Choose Gmail
 * API scopes"; Calendar and Drive: their "Choose scopes" pages). Google reports the granted
 * scopes in every token answer, so the check before a tool runs can rely on them.
 */
export const GOOGLE_SCOPE_IMPLIES: Record<string, string[]> = {
  'https://mail.google.com/': ['readonly', 'modify', 'compose', 'send', 'labels', 'insert', 'metadata'].map((s) => `${GMAIL}${s}`),
  [`${GMAIL}modify`]: ['readonly', 'compose', 'send', 'labels', 'insert', 'metadata'].map((s) => `${GMAIL}${s}`),
  [`${GMAIL}compose`]: [`${GMAIL}send`],
  [`${GMAIL}readonly`]: [`${GMAIL}metadata`],
  [CALENDAR]: [`${CALENDAR}.readonly`, `${CALENDAR}.events`, `${CALENDAR}.events.readonly`],
  [`${CALENDAR}.events`]: [`${CALENDAR}.events.readonly`],
  [DRIVE]: [`${DRIVE}.readonly`, `${DRIVE}.file`, `${DRIVE}.metadata`, `${DRIVE}.metadata.readonly`],
  [`${DRIVE}.readonly`]: [`${DRIVE}.metadata.readonly`],
};

/**
 * Google's OAuth 2.0, shared by every Google provider. The account's identity comes from the ID
 * token (`openid email` are always asked for): its `sub` and email. Google issues a refresh token only with
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
    scopeImplies: GOOGLE_SCOPE_IMPLIES,
  };
}
