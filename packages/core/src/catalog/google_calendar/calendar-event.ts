import { compact, pathSegment, truncate } from '../../tools/index.ts';

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
