import { z } from 'zod';
import { compact, isDate, isDateTime, pathSegment, truncate } from '../../tools/index.ts';

export interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface CalendarEvent {
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

export const MAX_ATTENDEES = 20;
export const calendarId = pathSegment('Calendar id; "primary" is the user\'s main calendar.').default('primary');

/** An event as a model needs it: times, title, place, people (capped), link. */
export function compactEvent(event: CalendarEvent) {
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

export const eventId = pathSegment('Event id, as google_calendar_list_events returns it.', 1024);

/** A start or end as a model writes it: an RFC 3339 date-time with offset, or a date for all-day events. */
export const when = (edge: string) =>
  z.string().trim().refine((v) => isDate(v) || isDateTime(v), 'Expected an RFC 3339 date-time (2025-03-14T09:00:00+01:00) or a date (2025-03-14)')
    .describe(`${edge} as an RFC 3339 date-time with offset (2025-03-14T09:00:00+01:00), or a date (2025-03-14) for an all-day event.`);

export function eventTime(value: string, timeZone: string | undefined): EventTime {
  if (isDate(value)) return { date: value };
  return timeZone ? { dateTime: value, timeZone } : { dateTime: value };
}
