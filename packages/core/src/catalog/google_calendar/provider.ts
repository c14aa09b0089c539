import { defineProvider } from '../../providers/index.ts';
import { googleOAuth } from '../google/index.ts';

export const googleCalendar = defineProvider({
  id: 'google_calendar',
  name: 'Google Calendar',
  docsUrl: 'https://developers.google.com/calendar/api/auth',
  auth: googleOAuth(['https://www.googleapis.com/auth/calendar.readonly']),
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/calendar/v3/users/me/calendarList?maxResults=1' } },
});
