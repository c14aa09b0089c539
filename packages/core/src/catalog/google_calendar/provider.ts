import { defineProvider } from '../../providers/index.ts';
import { googleOAuth, googleServiceAccount } from '../google/index.ts';

export const googleCalendar = defineProvider({
  id: 'google_calendar',
  name: 'Google Calendar',
  docsUrl: 'https://developers.google.com/calendar/api/auth',
  // OAuth for people who consent; a service account with domain-wide delegation for Workspace users who do not.
  auth: [googleOAuth(['https://www.googleapis.com/auth/calendar.readonly']), googleServiceAccount(['https://www.googleapis.com/auth/calendar.readonly'])],
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/calendar/v3/users/me/calendarList?maxResults=1' } },
});
