import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { googleCalendar } from './provider.ts';
import { googleCalendarCreateEvent } from './tools/google-calendar-create-event.ts';
import { googleCalendarListEvents } from './tools/google-calendar-list-events.ts';

export const googleCalendarToolkit = defineToolkit({
  provider: googleCalendar,
  tools: [googleCalendarListEvents, googleCalendarCreateEvent],
  parseError: googleApiErrorInfo,
});
