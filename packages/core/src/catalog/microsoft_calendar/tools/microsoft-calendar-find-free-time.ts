import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, dateTimeWithOffset, defineTool, emailList } from '../../../tools/index.ts';
import { toUtcDateTime, UTC_TIMES } from '../../microsoft/index.ts';
import { freeSlots, type Interval } from '../free-slots.ts';

interface ScheduleInformation {
  scheduleId?: string;
  scheduleItems?: Array<{ status?: string; start?: { dateTime?: string }; end?: { dateTime?: string } }>;
  error?: { message?: string; responseCode?: string } | null;
}

const MAX_SLOTS = 20;
const utc = (dateTime: string | undefined) => (dateTime ? Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`) : Number.NaN);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export const microsoftCalendarFindFreeTime = defineTool({
  name: 'microsoft_calendar_find_free_time',
  provider: 'microsoft_calendar',
  description: 'Find times between two instants when the user and the given colleagues are all free (from their Outlook free/busy), at least durationMinutes long. Times in UTC. Work or school accounts only (Microsoft offers free/busy lookups only there); colleagues outside the user\'s organization may show no free/busy.',
  scopes: ['Calendars.Read'],
  input: z.object({
    start: dateTimeWithOffset('Start of the search window, RFC 3339 with offset.'),
    end: dateTimeWithOffset('End of the search window (at most 62 days after start), RFC 3339 with offset.'),
    attendees: emailList('Email addresses of the other people who must be free.', 19).optional(),
    durationMinutes: z.number().int().min(5).max(1440).default(30).describe('Shortest useful slot, in minutes.'),
  }),
  async execute({ start, end, attendees, durationMinutes }, ctx) {
    const from = Date.parse(start);
    const to = Date.parse(end);
    if (to <= from) throw new OnBehalfError('TOOL_INPUT_INVALID', 'end must be after start.');
    if (to - from > 62 * 86_400_000) throw new OnBehalfError('TOOL_INPUT_INVALID', 'getSchedule covers at most 62 days: shorten the window.');
    // getSchedule names every calendar by address, the user's own too: its owner's address.
    const calendar = await ctx.request<{ owner?: { address?: string } }>('/me/calendar', { query: { $select: 'owner' } });
    const self = calendar?.owner?.address;
    if (!self) throw new OnBehalfError('PROVIDER_API_ERROR', 'Microsoft Graph did not say which address the user has.');
    const schedules = [...new Set([self, ...(attendees ?? [])])];
    const answer = await ctx.request<{ value?: ScheduleInformation[] }>('/me/calendar/getSchedule', {
      method: 'POST',
      headers: UTC_TIMES,
      body: { schedules, startTime: toUtcDateTime(start), endTime: toUtcDateTime(end), availabilityViewInterval: Math.min(durationMinutes, 60) },
    });
    const busy: Interval[] = [];
    const unavailable: Array<{ who: string; reason: string }> = [];
    for (const info of answer?.value ?? []) {
      if (info.error) {
        unavailable.push({ who: info.scheduleId ?? '?', reason: info.error.message ?? info.error.responseCode ?? 'no free/busy' });
        continue;
      }
      for (const item of info.scheduleItems ?? []) {
        if (item.status === 'free') continue;
        const interval = { start: utc(item.start?.dateTime), end: utc(item.end?.dateTime) };
        if (!Number.isNaN(interval.start) && !Number.isNaN(interval.end)) busy.push(interval);
      }
    }
    const slots = freeSlots(busy, from, to, durationMinutes * 60_000);
    return compact({
      slots: slots.slice(0, MAX_SLOTS).map((s) => ({ start: iso(s.start), end: iso(s.end) })),
      moreSlots: slots.length > MAX_SLOTS ? slots.length - MAX_SLOTS : undefined,
      checked: schedules,
      unavailable: unavailable.length > 0 ? unavailable : undefined,
    });
  },
});
