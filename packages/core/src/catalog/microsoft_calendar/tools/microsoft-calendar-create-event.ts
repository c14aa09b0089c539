import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, dateTimeWithOffset, defineTool, emailList } from '../../../tools/index.ts';
import { toRecipient, toUtcDateTime, UTC_TIMES } from '../../microsoft/index.ts';
import { summarizeEvent, type GraphEvent } from '../calendar-event.ts';

export const microsoftCalendarCreateEvent = defineTool({
  name: 'microsoft_calendar_create_event',
  provider: 'microsoft_calendar',
  writes: true,
  description: 'Create an event in the user\'s Outlook calendar; attendees get an invitation. Optionally as a Teams meeting (work/school accounts).',
  scopes: ['Calendars.ReadWrite'],
  input: z.object({
    subject: z.string().trim().min(1).max(255).describe('Title of the event.'),
    start: dateTimeWithOffset('Start, RFC 3339 with offset, e.g. 2025-03-14T10:00:00+01:00.'),
    end: dateTimeWithOffset('End, RFC 3339 with offset.'),
    attendees: emailList('Email addresses to invite.', 100).optional(),
    location: z.string().max(255).optional().describe('Where it takes place.'),
    description: z.string().max(20_000).optional().describe('Plain-text description.'),
    onlineMeeting: z.boolean().default(false).describe('Add a Teams meeting link.'),
  }),
  async execute({ subject, start, end, attendees, location, description, onlineMeeting }, ctx) {
    if (Date.parse(end) <= Date.parse(start)) throw new OnBehalfError('TOOL_INPUT_INVALID', 'end must be after start.');
    const created = await ctx.request<GraphEvent>('/me/events', {
      method: 'POST',
      headers: UTC_TIMES,
      body: compact({
        subject,
        start: toUtcDateTime(start),
        end: toUtcDateTime(end),
        body: description ? { contentType: 'text', content: description } : undefined,
        location: location ? { displayName: location } : undefined,
        attendees: attendees?.map((address) => ({ ...toRecipient(address), type: 'required' })),
        isOnlineMeeting: onlineMeeting || undefined,
        onlineMeetingProvider: onlineMeeting ? 'teamsForBusiness' : undefined,
      }),
    });
    return summarizeEvent(created);
  },
});
