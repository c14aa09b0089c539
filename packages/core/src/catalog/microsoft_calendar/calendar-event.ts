import { compact, truncate } from '../../tools/index.ts';
import { formatAddress, formatDateTime, type GraphRecipient } from '../microsoft/index.ts';

/** The event fields the tools read (their `$select`). */
export const EVENT_FIELDS = ['id', 'subject', 'start', 'end', 'isAllDay', 'location', 'organizer', 'attendees', 'isCancelled', 'showAs', 'webLink', 'onlineMeeting', 'bodyPreview'];

interface DateTimeTimeZone {
  dateTime?: string;
  timeZone?: string;
}

export interface GraphEvent {
  id: string;
  subject?: string | null;
  start?: DateTimeTimeZone;
  end?: DateTimeTimeZone;
  isAllDay?: boolean;
  location?: { displayName?: string };
  organizer?: GraphRecipient;
  attendees?: Array<GraphRecipient & { type?: string; status?: { response?: string } }>;
  isCancelled?: boolean;
  showAs?: string;
  webLink?: string;
  onlineMeeting?: { joinUrl?: string } | null;
  bodyPreview?: string;
}

/** An event as a model reads it: times in UTC, people as `Name <address>`, at most 20 attendees. */
export function summarizeEvent(event: GraphEvent) {
  const attendees = event.attendees ?? [];
  return compact({
    id: event.id,
    subject: event.subject ?? undefined,
    start: formatDateTime(event.start),
    end: formatDateTime(event.end),
    allDay: event.isAllDay || undefined,
    location: event.location?.displayName || undefined,
    organizer: formatAddress(event.organizer),
    attendees: attendees.length > 0 ? attendees.slice(0, 20).map((a) => compact({ who: formatAddress(a), response: a.status?.response && a.status.response !== 'none' ? a.status.response : undefined })) : undefined,
    moreAttendees: attendees.length > 20 ? attendees.length - 20 : undefined,
    cancelled: event.isCancelled || undefined,
    showAs: event.showAs,
    joinUrl: event.onlineMeeting?.joinUrl,
    preview: event.bodyPreview ? truncate(event.bodyPreview.replace(/\s+/g, ' ').trim(), 200) : undefined,
    webLink: event.webLink,
  });
}
