import { z } from 'zod';
import { compact, dateTimeWithOffset, defineTool, emailAddress } from '../../../tools/index.ts';
import { freeSlots } from '../free-time.ts';

const MAX_BUSY = 50;
const MAX_SLOTS = 20;

interface FreeBusyAnswer {
  calendars?: Record<string, { busy?: Array<{ start: string; end: string }>; errors?: Array<{ domain?: string; reason?: string }> }>;
}

export const googleCalendarFreeBusy = defineTool({
  name: 'google_calendar_free_busy',
  provider: 'google_calendar',
  description: 'Find when the user (and optionally colleagues, by email) are busy between two times, and the free slots everyone shares: for proposing a meeting time. Times are RFC 3339 with offset; at most a few weeks at a time.',
  scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
  input: z.object({
    timeMin: dateTimeWithOffset('Start of the window (RFC 3339 with offset).'),
    timeMax: dateTimeWithOffset('End of the window (RFC 3339 with offset).'),
    calendars: z.array(z.union([z.literal('primary'), emailAddress()])).min(1).max(20).default(['primary']).describe('Whose calendars: "primary" for the user, or people\'s email addresses.'),
    minimumMinutes: z.number().int().min(5).max(480).default(30).describe('Shortest free slot worth reporting, in minutes.'),
    timeZone: z.string().max(64).optional().describe('IANA time zone for the answer\'s times (default UTC).'),
  }).refine((input) => Date.parse(input.timeMax) > Date.parse(input.timeMin), { message: 'timeMax must be after timeMin', path: ['timeMax'] }),
  async execute(input, ctx) {
    const answer = await ctx.request<FreeBusyAnswer>('/calendar/v3/freeBusy', {
      method: 'POST',
      body: compact({ timeMin: input.timeMin, timeMax: input.timeMax, timeZone: input.timeZone, items: input.calendars.map((id) => ({ id })) }),
    });
    const calendars = Object.entries(answer?.calendars ?? {}).map(([id, entry]) => compact({
      calendar: id,
      busy: (entry.busy ?? []).slice(0, MAX_BUSY),
      moreBusy: (entry.busy?.length ?? 0) > MAX_BUSY ? (entry.busy!.length - MAX_BUSY) : undefined,
      // notFound, or a calendar whose owner does not share free/busy with the user.
      error: entry.errors?.[0]?.reason,
    }));
    const readable = Object.values(answer?.calendars ?? {}).filter((entry) => !entry.errors?.length);
    return {
      calendars,
      freeSlots: freeSlots(readable.flatMap((entry) => entry.busy ?? []), input.timeMin, input.timeMax, input.minimumMinutes * 60_000, MAX_SLOTS),
    };
  },
});
