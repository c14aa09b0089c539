import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, dateTimeWithOffset, defineTool, emailList, path } from '../../../tools/index.ts';
import { toRecipient, toUtcDateTime, UTC_TIMES } from '../../microsoft/index.ts';
import { summarizeEvent, type GraphEvent } from '../calendar-event.ts';

export const microsoftCalendarUpdateEvent = defineTool({
  name: 'microsoft_calendar_update_event',
  provider: 'microsoft_calendar',
  writes: true,
  description: 'Change an event of the user\'s Outlook calendar: move it, rename it, change its place, description or attendees (the attendee list given replaces the old one). Only the fields given change; attendees get an update.',
  scopes: ['Calendars.ReadWrite'],
  input: z.object({
    id: z.string().trim().min(1).max(500).describe('Event id from microsoft_calendar_list_events.'),
    subject: z.string().trim().min(1).max(255).optional().describe('New title.'),
    start: dateTimeWithOffset('New start, RFC 3339 with offset.').optional(),
    end: dateTimeWithOffset('New end, RFC 3339 with offset.').optional(),
    location: z.string().max(255).optional().describe('New place.'),
    description: z.string().max(20_000).optional().describe('New plain-text description.'),
    attendees: emailList('The complete new list of attendees.', 100).optional(),
  }),
  async execute({ id, subject, start, end, location, description, attendees }, ctx) {
    if (start && end && Date.parse(end) <= Date.parse(start)) throw new OnBehalfError('TOOL_INPUT_INVALID', 'end must be after start.');
    const patch = compact({
      subject,
      start: start ? toUtcDateTime(start) : undefined,
      end: end ? toUtcDateTime(end) : undefined,
      location: location !== undefined ? { displayName: location } : undefined,
      body: description !== undefined ? { contentType: 'text', content: description } : undefined,
      attendees: attendees?.map((address) => ({ ...toRecipient(address), type: 'required' })),
    });
    if (Object.keys(patch).length === 0) throw new OnBehalfError('TOOL_INPUT_INVALID', 'Give at least one field to change.');
    const updated = await ctx.request<GraphEvent>(path`/me/events/${id}`, { method: 'PATCH', headers: UTC_TIMES, body: patch });
    return summarizeEvent(updated);
  },
});
