import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { googleCalendar } from './provider.ts';
import { googleCalendarCreateEvent } from './tools/google-calendar-create-event.ts';
import { googleCalendarDeleteEvent } from './tools/google-calendar-delete-event.ts';
import { googleCalendarFreeBusy } from './tools/google-calendar-free-busy.ts';
import { googleCalendarListEvents } from './tools/google-calendar-list-events.ts';
import { googleCalendarUpdateEvent } from './tools/google-calendar-update-event.ts';

export const googleCalendarToolkit = defineToolkit({
  provider: googleCalendar,
  tools: [googleCalendarListEvents, googleCalendarCreateEvent, googleCalendarUpdateEvent, googleCalendarDeleteEvent, googleCalendarFreeBusy],
  parseError: googleApiErrorInfo,
});
