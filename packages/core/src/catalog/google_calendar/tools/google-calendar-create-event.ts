import { z } from 'zod';
import { compact, defineTool, emailList, hasOffset, isDate, path } from '../../../tools/index.ts';
import { calendarId, compactEvent, eventTime, when, type CalendarEvent } from '../calendar-event.ts';

export const googleCalendarCreateEvent = defineTool({
  name: 'google_calendar_create_event',
  provider: 'google_calendar',
  writes: true,
  description: 'Create an event in the user\'s Google Calendar. Attendees are added to the event but not notified by email.',
  scopes: ['https://www.googleapis.com/auth/calendar.events'],
  input: z.object({
    calendarId,
    summary: z.string().trim().min(1).max(1024).describe('Event title.'),
    start: when('Start'),
    end: when('End'),
    timeZone: z.string().max(64).optional().describe('IANA time zone (e.g. "Europe/Berlin") for date-times written without an offset.'),
    description: z.string().max(8000).optional().describe('Event description.'),
    location: z.string().max(1024).optional().describe('Where it takes place.'),
    attendees: emailList('Email addresses of people to invite.').optional(),
  }).superRefine((input, issues) => {
    if (isDate(input.start) !== isDate(input.end)) issues.addIssue({ code: 'custom', path: ['end'], message: 'start and end must both be dates (all-day) or both date-times' });
    for (const edge of ['start', 'end'] as const) {
      if (!isDate(input[edge]) && !hasOffset(input[edge]) && !input.timeZone) issues.addIssue({ code: 'custom', path: [edge], message: 'a date-time without offset needs timeZone' });
    }
  }),
  async execute(input, ctx) {
    const body = compact({
      summary: input.summary,
      description: input.description,
      location: input.location,
      start: eventTime(input.start, input.timeZone),
      end: eventTime(input.end, input.timeZone),
      attendees: input.attendees?.map((email) => ({ email })),
    });
    const created = await ctx.request<CalendarEvent>(path`/calendar/v3/calendars/${input.calendarId}/events`, { method: 'POST', body });
    return compactEvent(created);
  },
});
