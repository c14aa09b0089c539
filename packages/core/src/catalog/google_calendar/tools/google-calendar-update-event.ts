import { z } from 'zod';
import { defineTool, emailList, hasOffset, isDate, path } from '../../../tools/index.ts';
import { calendarId, compactEvent, eventId, eventTime, when, type CalendarEvent } from '../calendar-event.ts';

const CHANGES = ['summary', 'start', 'end', 'description', 'location', 'attendees'] as const;

export const googleCalendarUpdateEvent = defineTool({
  name: 'google_calendar_update_event',
  provider: 'google_calendar',
  writes: true,
  description: 'Change an event in the user\'s Google Calendar: title, times, description, location or attendees (the list given replaces the old one). Only the fields given change. Attendees are emailed about the change only with notifyAttendees.',
  scopes: ['https://www.googleapis.com/auth/calendar.events'],
  input: z.object({
    calendarId,
    eventId,
    summary: z.string().trim().min(1).max(1024).optional().describe('New title.'),
    start: when('New start').optional(),
    end: when('New end').optional(),
    timeZone: z.string().max(64).optional().describe('IANA time zone (e.g. "Europe/Berlin") for date-times written without an offset.'),
    description: z.string().max(8000).optional().describe('New description; an empty string clears it.'),
    location: z.string().max(1024).optional().describe('New location; an empty string clears it.'),
    attendees: emailList('The complete new list of attendees\' email addresses.').optional(),
    notifyAttendees: z.boolean().default(false).describe('Email the attendees about the change.'),
  }).superRefine((input, issues) => {
    if (!CHANGES.some((key) => input[key] !== undefined)) issues.addIssue({ code: 'custom', path: ['summary'], message: 'Give at least one field to change' });
    if ((input.start === undefined) !== (input.end === undefined)) issues.addIssue({ code: 'custom', path: ['end'], message: 'Give start and end together' });
    if (input.start !== undefined && input.end !== undefined && isDate(input.start) !== isDate(input.end)) issues.addIssue({ code: 'custom', path: ['end'], message: 'start and end must both be dates (all-day) or both date-times' });
    for (const edge of ['start', 'end'] as const) {
      const value = input[edge];
      if (value !== undefined && !isDate(value) && !hasOffset(value) && !input.timeZone) issues.addIssue({ code: 'custom', path: [edge], message: 'a date-time without offset needs timeZone' });
    }
  }),
  async execute(input, ctx) {
    // PATCH changes only the members sent; a time sets the other of date/dateTime to null so an
    // event can move between all-day and timed.
    const body: Record<string, unknown> = {};
    if (input.summary !== undefined) body.summary = input.summary;
    // An empty string is sent as it is: it clears the field.
    if (input.description !== undefined) body.description = input.description;
    if (input.location !== undefined) body.location = input.location;
    if (input.start !== undefined) body.start = { date: null, dateTime: null, ...eventTime(input.start, input.timeZone) };
    if (input.end !== undefined) body.end = { date: null, dateTime: null, ...eventTime(input.end, input.timeZone) };
    if (input.attendees !== undefined) body.attendees = input.attendees.map((email) => ({ email }));
    const updated = await ctx.request<CalendarEvent>(path`/calendar/v3/calendars/${input.calendarId}/events/${input.eventId}`, {
      method: 'PATCH',
      query: { sendUpdates: input.notifyAttendees ? 'all' : 'none' },
      body,
    });
    return compactEvent(updated);
  },
});
