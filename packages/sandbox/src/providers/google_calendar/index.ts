import { defineProviderModule } from '../../mock-api/index.ts';
import { createGoogleCalendarMock } from './google-calendar-mock.ts';

/** Google Calendar API v3, mounted like Gmail: the real path (`/calendar/v3/…`) on the sandbox origin. */
export const googleCalendarProvider = defineProviderModule({
  id: 'google_calendar',
  prefix: '/calendar',
  realBase: 'https://www.googleapis.com/calendar',
  apiBasePath: '',
  jsonType: 'application/json; charset=UTF-8',
  createMock: createGoogleCalendarMock,
});
