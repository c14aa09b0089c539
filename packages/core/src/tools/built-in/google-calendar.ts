import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { dateTimeWithOffset, emailList, hasOffset, isDate, isDateTime, pathSegment, segment } from './fields.ts';
import { compact, truncate } from './text.ts';

interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

interface CalendarEvent {
  id: string;
  status?: string;
  htmlLink?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: EventTime;
  end?: EventTime;
  organizer?: { email?: string };
  attendees?: Array<{ email?: string; displayName?: string; responseStatus?: string; self?: boolean }>;
}

const MAX_ATTENDEES = 20;
const calendarId = pathSegment('Calendar id; "primary" is the user\'s main calendar.').default('primary');

/** An event as a model needs it: times, title, place, people (capped), link. */
function compactEvent(event: CalendarEvent) {
  const attendees = event.attendees ?? [];
  return compact({
    id: event.id,
    summary: event.summary,
    start: event.start?.dateTime ?? event.start?.date,
    end: event.end?.dateTime ?? event.end?.date,
    allDay: event.start?.date !== undefined && event.start.dateTime === undefined ? true : undefined,
    location: event.location,
    description: event.description ? truncate(event.description, 500) : undefined,
    status: event.status,
    organizer: event.organizer?.email,
    attendees: attendees.length > 0
      ? attendees.slice(0, MAX_ATTENDEES).map((a) => compact({ email: a.email, name: a.displayName, response: a.responseStatus, self: a.self || undefined }))
      : undefined,
    moreAttendees: attendees.length > MAX_ATTENDEES ? attendees.length - MAX_ATTENDEES : undefined,
    link: event.htmlLink,
  });
}

export const googleCalendarListEvents = defineTool({
  name: 'google_calendar_list_events',
  provider: 'google_calendar',
  description: 'List events of the user\'s Google Calendar in start-time order (recurring events expanded). Without timeMin and timeMax, lists upcoming events from now.',
  scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
  input: z.object({
    calendarId,
    timeMin: dateTimeWithOffset('Only events ending after this time (RFC 3339 with offset).').optional(),
    timeMax: dateTimeWithOffset('Only events starting before this time (RFC 3339 with offset).').optional(),
    maxResults: z.number().int().min(1).max(100).default(20).describe('How many events to return (1-100).'),
    q: z.string().max(500).optional().describe('Free-text search in title, description, location and attendees.'),
  }),
  async execute({ calendarId: id, timeMin, timeMax, maxResults, q }, ctx) {
    const upcoming = timeMin === undefined && timeMax === undefined ? new Date().toISOString() : timeMin;
    const result = await ctx.request<{ items?: CalendarEvent[] }>(`/calendar/v3/calendars/${segment(id)}/events`, {
      query: { singleEvents: true, orderBy: 'startTime', timeMin: upcoming, timeMax, maxResults, q: q?.trim() || undefined },
    });
    return (result?.items ?? []).slice(0, maxResults).map(compactEvent);
  },
});

const when = (edge: string) =>
  z.string().trim().refine((v) => isDate(v) || isDateTime(v), 'Expected an RFC 3339 date-time (2025-03-14T09:00:00+01:00) or a date (2025-03-14)')
    .describe(`${edge} as an RFC 3339 date-time with offset (2025-03-14T09:00:00+01:00), or a date (2025-03-14) for an all-day event.`);

function eventTime(value: string, timeZone: string | undefined): EventTime {
  if (isDate(value)) return { date: value };
  return timeZone ? { dateTime: value, timeZone } : { dateTime: value };
}

export const googleCalendarCreateEvent = defineTool({
  name: 'google_calendar_create_event',
  provider: 'google_calendar',
  description: 'Create an event in the user\'s Google Calendar. Attendees are added to the event but not notified by email.',
  scopes: ['https://www.googleapis.com/auth/calendar.events'],
  input: z.object({
    calendarId,
    summary: z.string().trim().min(1).max(1024).describe('Event title.'),
    start: when('Start'),
    end: when('End'),
    timeZone: z.string().max(64).optional().describe('IANA time zone (e.g. "Europe/Berlin") for date-times written without an offset.'),
    description: z.string().max(8000).optional(),
    location: z.string().max(1024).optional(),
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
    const created = await ctx.request<CalendarEvent>(`/calendar/v3/calendars/${segment(input.calendarId)}/events`, { method: 'POST', body });
    return compactEvent(created);
  },
});

export const googleCalendarTools = [googleCalendarListEvents, googleCalendarCreateEvent];
