import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, dateTimeWithOffset, defineTool } from '../../../tools/index.ts';
import { UTC_TIMES, type GraphPage } from '../../microsoft/index.ts';
import { EVENT_FIELDS, summarizeEvent, type GraphEvent } from '../calendar-event.ts';

export const microsoftCalendarListEvents = defineTool({
  name: 'microsoft_calendar_list_events',
  provider: 'microsoft_calendar',
  description: 'List the events of the user\'s Outlook calendar between two instants (recurring meetings expanded into their occurrences), in start order, times in UTC.',
  scopes: ['Calendars.Read'],
  input: z.object({
    start: dateTimeWithOffset('Start of the range, RFC 3339 with offset, e.g. 2025-03-14T00:00:00+01:00.'),
    end: dateTimeWithOffset('End of the range, RFC 3339 with offset.'),
    limit: z.number().int().min(1).max(100).default(25).describe('Most events to return (1-100).'),
  }),
  async execute({ start, end, limit }, ctx) {
    if (Date.parse(end) <= Date.parse(start)) throw new OnBehalfError('TOOL_INPUT_INVALID', 'end must be after start.');
    const page = await ctx.request<GraphPage<GraphEvent>>('/me/calendarView', {
      query: { startDateTime: start, endDateTime: end, $top: limit, $select: EVENT_FIELDS.join(',') },
      headers: UTC_TIMES,
    });
    // calendarView has no default order; times are all UTC (Prefer header), so they sort as text.
    const events = [...(page?.value ?? [])].sort((a, b) => (a.start?.dateTime ?? '').localeCompare(b.start?.dateTime ?? '')).slice(0, limit);
    return compact({ events: events.map(summarizeEvent), more: page?.['@odata.nextLink'] ? true : undefined });
  },
});
