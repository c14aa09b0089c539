import { defineToolkit } from '../../tools/index.ts';
import { graphApiErrorInfo } from '../microsoft/index.ts';
import { microsoftCalendar } from './provider.ts';
import { microsoftCalendarCreateEvent } from './tools/microsoft-calendar-create-event.ts';
import { microsoftCalendarFindFreeTime } from './tools/microsoft-calendar-find-free-time.ts';
import { microsoftCalendarListEvents } from './tools/microsoft-calendar-list-events.ts';
import { microsoftCalendarUpdateEvent } from './tools/microsoft-calendar-update-event.ts';

export const microsoftCalendarToolkit = defineToolkit({
  provider: microsoftCalendar,
  tools: [microsoftCalendarListEvents, microsoftCalendarCreateEvent, microsoftCalendarUpdateEvent, microsoftCalendarFindFreeTime],
  parseError: graphApiErrorInfo,
});
