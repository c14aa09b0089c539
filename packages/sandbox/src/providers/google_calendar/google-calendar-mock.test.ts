import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const EVENTS = '/calendar/v3/calendars/primary/events';

describe('Google Calendar mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer(); // now = 2025-03-12T15:00:00Z
  });
  afterAll(() => s.close());

  it('lists events as an Events resource with Event items', async () => {
    const r = await s.call('GET', EVENTS);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      kind: 'calendar#events', etag: expect.any(String), summary: 'alice@acme.test', updated: expect.any(String), timeZone: 'UTC',
      accessRole: 'owner', defaultReminders: expect.any(Array), nextSyncToken: expect.any(String), items: expect.any(Array),
    });
    expect(r.json.items.length).toBeGreaterThanOrEqual(5);
    for (const event of r.json.items) {
      expect(event).toMatchObject({
        kind: 'calendar#event', id: expect.stringMatching(/^[a-v0-9]{5,}$/), status: 'confirmed', summary: expect.any(String),
        htmlLink: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/), created: expect.any(String), updated: expect.any(String),
        organizer: { email: expect.any(String) }, iCalUID: `${event.id}@google.com`,
      });
      expect(event.start.dateTime ?? event.start.date).toEqual(expect.any(String));
      for (const attendee of event.attendees ?? []) expect(['needsAction', 'declined', 'tentative', 'accepted']).toContain(attendee.responseStatus);
    }
    expect(r.json.items.some((e: { start: { date?: string } }) => e.start.date)).toBe(true); // an all-day event
    expect(r.json.items.some((e: { status: string }) => e.status === 'cancelled')).toBe(false);
    const withDeleted = await s.call('GET', `${EVENTS}?showDeleted=true`);
    expect(withDeleted.json.items.some((e: { status: string }) => e.status === 'cancelled')).toBe(true);
  });

  it('filters by time window, orders by start time and pages with maxResults', async () => {
    const q = new URLSearchParams({ timeMin: '2025-03-12T00:00:00Z', timeMax: '2025-03-14T00:00:00Z', singleEvents: 'true', orderBy: 'startTime' });
    const r = await s.call('GET', `${EVENTS}?${q}`);
    const starts = r.json.items.map((e: { start: { dateTime: string } }) => Date.parse(e.start.dateTime));
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const start of starts) expect(start).toBeLessThan(Date.parse('2025-03-14T00:00:00Z'));
    const page = await s.call('GET', `${EVENTS}?${q}&maxResults=2`);
    expect(page.json.items).toHaveLength(2);
    expect(page.json.nextPageToken).toEqual(expect.any(String));
    expect(page.json.nextSyncToken).toBeUndefined();
    const next = await s.call('GET', `${EVENTS}?${q}&maxResults=2&pageToken=${page.json.nextPageToken}`);
    expect(next.json.items[0].id).toBe(r.json.items[2].id);
  });

  it('searches with q and rejects orderBy=startTime without singleEvents', async () => {
    const r = await s.call('GET', `${EVENTS}?q=standup`);
    expect(r.json.items.length).toBe(3);
    const bad = await s.call('GET', `${EVENTS}?orderBy=startTime`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('The requested ordering is not available for the particular query.');
    expect((await s.call('GET', `${EVENTS}?timeMin=yesterday`)).status).toBe(400);
  });

  it('inserts an event and returns the created Event', async () => {
    const body = {
      summary: 'Agent-scheduled sync', description: 'Booked by the assistant', location: 'Room 1',
      start: { dateTime: '2025-03-13T11:00:00+01:00' }, end: { dateTime: '2025-03-13T11:30:00+01:00' },
      attendees: [{ email: 'bob@example.test' }, { email: 'alice@acme.test' }],
    };
    const r = await s.call('POST', EVENTS, { body });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      kind: 'calendar#event', status: 'confirmed', summary: body.summary, start: body.start, end: body.end,
      creator: { email: 'alice@acme.test', self: true }, organizer: { email: 'alice@acme.test', self: true },
      attendees: [{ email: 'bob@example.test', responseStatus: 'needsAction' }, { email: 'alice@acme.test', responseStatus: 'accepted', self: true }],
    });
    expect(s.mock.state.google_calendar.created.at(-1)).toMatchObject({ sub: 'alice', calendarId: 'primary', event: { id: r.json.id } });
    const listed = await s.call('GET', `${EVENTS}?q=${encodeURIComponent('Agent-scheduled')}`);
    expect(listed.json.items.map((e: { id: string }) => e.id)).toEqual([r.json.id]);
  });

  it('validates insert bodies like Calendar does', async () => {
    const noEnd = await s.call('POST', EVENTS, { body: { summary: 'x', start: { dateTime: '2025-03-13T11:00:00Z' } } });
    expect(noEnd.status).toBe(400);
    expect(noEnd.json).toEqual({ error: { code: 400, message: 'Missing end time.', errors: [{ message: 'Missing end time.', domain: 'global', reason: 'required' }] } });
    const noZone = await s.call('POST', EVENTS, { body: { start: { dateTime: '2025-03-13T11:00:00' }, end: { dateTime: '2025-03-13T12:00:00' } } });
    expect(noZone.json.error.message).toBe('Missing time zone definition for start time.');
    const backwards = await s.call('POST', EVENTS, { body: { start: { dateTime: '2025-03-13T12:00:00Z' }, end: { dateTime: '2025-03-13T11:00:00Z' } } });
    expect(backwards.json.error.message).toBe('The specified time range is empty.');
  });

  it('404s on other calendars and 401s without a token', async () => {
    expect((await s.call('GET', '/calendar/v3/calendars/someone%40else.test/events')).status).toBe(404);
    expect((await s.call('GET', '/calendar/v3/calendars/alice%40acme.test/events')).status).toBe(200);
    const r = await s.call('GET', EVENTS, { token: null });
    expect(r.status).toBe(401);
    expect(r.json.error.status).toBe('UNAUTHENTICATED');
  });
  it('patches an event (members sent replace, null clears, a date-time replaces a date) and deletes it', async () => {
    const created = (await s.call('POST', EVENTS, { body: { summary: 'Patch me', start: { date: '2025-03-20' }, end: { date: '2025-03-21' }, location: 'Room 1', attendees: [{ email: 'bob@example.test' }] } })).json;
    const url = `${EVENTS}/${created.id}`;
    const moved = await s.call('PATCH', `${url}?sendUpdates=none`, { body: { summary: 'Patched', location: '', start: { date: null, dateTime: '2025-03-20T09:00:00+01:00' }, end: { date: null, dateTime: '2025-03-20T10:00:00+01:00' } } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ id: created.id, summary: 'Patched', location: '', start: { dateTime: '2025-03-20T09:00:00+01:00' }, end: { dateTime: '2025-03-20T10:00:00+01:00' }, sequence: 1 });
    expect(moved.json.start.date).toBeUndefined();
    const people = await s.call('PATCH', `${url}?sendUpdates=all`, { body: { attendees: [{ email: 'bob@example.test' }, { email: 'carol@example.test' }] } });
    expect(people.json.attendees.map((a: { email: string }) => a.email)).toEqual(['bob@example.test', 'carol@example.test']);
    expect(s.mock.state.google_calendar.changed.slice(-2)).toEqual([
      { sub: 'alice', kind: 'patch', eventId: created.id, sendUpdates: 'none' },
      { sub: 'alice', kind: 'patch', eventId: created.id, sendUpdates: 'all' },
    ]);
    expect((await s.call('PATCH', url, { body: { end: { dateTime: '2025-03-20T08:00:00+01:00' } } })).json.error.message).toBe('The specified time range is empty.');
    expect((await s.call('PATCH', `${url}?sendUpdates=sometimes`, { body: { summary: 'x' } })).status).toBe(400);
    expect((await s.call('PATCH', `${EVENTS}/nope00000`, { body: { summary: 'x' } })).status).toBe(404);

    const deleted = await s.call('DELETE', `${url}?sendUpdates=all`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await s.call('DELETE', url)).json).toMatchObject({ error: { code: 410, message: 'Resource has been deleted', errors: [{ reason: 'deleted' }] } });
    const listed = await s.call('GET', `${EVENTS}?q=Patched`);
    expect(listed.json.items).toEqual([]);
  });

  it('answers freebusy.query with busy blocks of the user, colleagues and errors for unknown calendars', async () => {
    const colleague = s.mock.state.google_calendar.calendar('alice').user.colleagues[0]!.email;
    const r = await s.call('POST', '/calendar/v3/freeBusy', { body: { timeMin: '2025-03-10T00:00:00Z', timeMax: '2025-03-17T00:00:00Z', items: [{ id: 'primary' }, { id: colleague }, { id: 'stranger@nowhere.test' }] } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ kind: 'calendar#freeBusy', timeMin: '2025-03-10T00:00:00.000Z', timeMax: '2025-03-17T00:00:00.000Z' });
    const mine = r.json.calendars.primary.busy as Array<{ start: string; end: string }>;
    const listed = await s.call('GET', `${EVENTS}?singleEvents=true&orderBy=startTime&timeMin=2025-03-10T00:00:00Z&timeMax=2025-03-17T00:00:00Z`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThanOrEqual(listed.json.items.length);
    for (const block of mine) expect(Date.parse(block.end)).toBeGreaterThan(Date.parse(block.start));
    expect(r.json.calendars[colleague].busy.length).toBeGreaterThan(0);
    expect(r.json.calendars['stranger@nowhere.test']).toEqual({ errors: [{ domain: 'global', reason: 'notFound' }], busy: [] });
    const empty = await s.call('POST', '/calendar/v3/freeBusy', { body: { timeMin: '2025-03-10T00:00:00Z', timeMax: '2025-03-10T00:00:00Z', items: [{ id: 'primary' }] } });
    expect(empty.json.error.message).toBe('The specified time range is empty.');
  });
});
