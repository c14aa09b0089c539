import { describeGoogleLifecycle } from '../../../test/support/google-lifecycle.ts';

describeGoogleLifecycle({
  provider: 'google_calendar',
  scope: 'https://www.googleapis.com/auth/calendar.readonly',
  apiPath: '/calendar/v3/users/me/calendarList/primary',
  apiAnswer: { kind: 'calendar#calendarListEntry', id: 'alice@example.com', summary: 'alice@example.com', timeZone: 'Europe/Berlin', accessRole: 'owner', primary: true },
});
