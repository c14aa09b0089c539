import { z } from 'zod';
import { dateTimeWithOffset, defineTool, path } from '../../../tools/index.ts';
import { calendarId, compactEvent, type CalendarEvent } from '../calendar-event.ts';

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
    const result = await ctx.request<{ items?: CalendarEvent[] }>(path`/calendar/v3/calendars/${id}/events`, {
      query: { singleEvents: true, orderBy: 'startTime', timeMin: upcoming, timeMax, maxResults, q: q?.trim() || undefined },
    });
    return (result?.items ?? []).slice(0, maxResults).map(compactEvent);
  },
});
