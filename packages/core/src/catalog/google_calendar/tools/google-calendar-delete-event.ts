import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { calendarId, eventId } from '../calendar-event.ts';

export const googleCalendarDeleteEvent = defineTool({
  name: 'google_calendar_delete_event',
  provider: 'google_calendar',
  writes: true,
  description: 'Delete (cancel) an event in the user\'s Google Calendar. Attendees are emailed the cancellation only with notifyAttendees. Check the event with google_calendar_list_events first: this cannot be undone.',
  scopes: ['https://www.googleapis.com/auth/calendar.events'],
  input: z.object({
    calendarId,
    eventId,
    notifyAttendees: z.boolean().default(false).describe('Email the attendees that the event is cancelled.'),
  }),
  async execute(input, ctx) {
    await ctx.request(path`/calendar/v3/calendars/${input.calendarId}/events/${input.eventId}`, {
      method: 'DELETE',
      query: { sendUpdates: input.notifyAttendees ? 'all' : 'none' },
    });
    return { deleted: true, eventId: input.eventId, calendarId: input.calendarId };
  },
});
