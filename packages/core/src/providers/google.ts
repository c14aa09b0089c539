import { defineProvider } from './define-provider.ts';
import type { OAuth2Auth } from './provider-types.ts';

/**
 * Google issues a refresh token only with access_type=offline, and only on first consent unless
 * prompt=consent; its refresh responses never carry a new refresh token (the old one is kept).
 */
const googleOAuth = (scopes: string[]): OAuth2Auth => ({
  type: 'oauth2',
  issuer: 'https://accounts.google.com',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  defaultScopes: ['openid', 'email', ...scopes],
  authorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  tokenEndpointAuthMethod: 'client_secret_post',
});

export const gmail = defineProvider({
  id: 'gmail',
  name: 'Gmail',
  docsUrl: 'https://developers.google.com/gmail/api/auth/scopes',
  auth: googleOAuth(['https://www.googleapis.com/auth/gmail.readonly']),
  api: { baseUrl: 'https://gmail.googleapis.com', verify: { path: '/gmail/v1/users/me/profile' } },
});

export const googleCalendar = defineProvider({
  id: 'google_calendar',
  name: 'Google Calendar',
  docsUrl: 'https://developers.google.com/calendar/api/auth',
  auth: googleOAuth(['https://www.googleapis.com/auth/calendar.readonly']),
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/calendar/v3/users/me/calendarList?maxResults=1' } },
});

export const googleDrive = defineProvider({
  id: 'google_drive',
  name: 'Google Drive',
  docsUrl: 'https://developers.google.com/drive/api/guides/api-specific-auth',
  auth: googleOAuth(['https://www.googleapis.com/auth/drive.readonly']),
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/drive/v3/about?fields=user' } },
});
