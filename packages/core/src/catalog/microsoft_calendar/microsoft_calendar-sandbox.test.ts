import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real Microsoft Calendar definition connected offline to the sandbox, its tools on the Graph mock. */
describe('microsoft_calendar against the sandbox', () => {
  let tb: ToolsTestbed;
  beforeAll(async () => {
    tb = await createToolsTestbed('sqlite');
  });
  afterAll(() => tb.close());

  it('connects, lists a day, creates and moves an event, and finds free time', async () => {
    await tb.connect('microsoft_calendar', 'u1', 'alice');
    const execute = <T>(tool: string, input: unknown) => tb.ob.tools.execute<T>({ identifier: 'u1', tool, input, connection: 'microsoft_calendar' }).then((r) => r.data);
    // The mock's seed hangs off the current hour: today in UTC.
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const day = await execute<{ events: Array<{ subject: string; start: string }> }>('microsoft_calendar_list_events', { start: `${today}T00:00:00Z`, end: `${today}T23:59:59Z` });
    expect(day.events.map((e) => e.subject)).toEqual(['Standup', 'Budget review']);
    expect(day.events[0]!.start).toBe(`${today}T09:00:00Z`);

    const created = await execute<{ id: string; start: string; joinUrl?: string }>('microsoft_calendar_create_event', { subject: 'Planning', start: `${today}T16:00:00+01:00`, end: `${today}T16:30:00+01:00`, attendees: ['bob@example.com'], onlineMeeting: true });
    expect(created).toMatchObject({ start: `${today}T15:00:00Z`, joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\//) });
    expect(tb.mocks.state.microsoft_calendar.created.at(-1)?.event).toMatchObject({ subject: 'Planning' });
    const moved = await execute<{ start: string; end: string }>('microsoft_calendar_update_event', { id: created.id, start: `${today}T17:00:00Z`, end: `${today}T17:30:00Z` });
    expect(moved).toMatchObject({ start: `${today}T17:00:00Z`, end: `${today}T17:30:00Z` });

    const free = await execute<{ slots: Array<{ start: string; end: string }> }>('microsoft_calendar_find_free_time', { start: `${today}T08:00:00Z`, end: `${today}T12:00:00Z`, durationMinutes: 60 });
    // Busy with the 09:00 standup only in that window.
    expect(free.slots).toEqual([{ start: `${today}T08:00:00Z`, end: `${today}T09:00:00Z` }, { start: `${today}T09:15:00Z`, end: `${today}T12:00:00Z` }]);
  });
});
