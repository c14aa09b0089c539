import { googleAuth, googleError, rfc3339 } from '../google/index.ts';
import { createRouter, decodeCursor, encodeCursor, intParam, isRecord, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, type MockUser, mockUser, seededRandom, type SeededRandom, seedTime } from '../../mock-api/index.ts';
import { calendarSeed, type CalendarSeedEvent } from './calendar-seed.ts';

type CalendarEvent = Record<string, unknown> & { id: string; status: string; start: EventTime; end: EventTime; updated: string; summary?: string };
interface EventTime { dateTime?: string; date?: string; timeZone?: string }

export interface CalendarStore {
  user: MockUser;
  timeZone: string;
  events: CalendarEvent[];
  random: SeededRandom;
}

export interface CalendarMockState {
  /** Events created through `events.insert`, in order. */
  created: Array<{ sub: string; calendarId: string; event: Record<string, unknown> }>;
  /** Changes through `events.patch` and `events.delete`, with the `sendUpdates` they asked for. */
  changed: Array<{ sub: string; kind: 'patch' | 'delete'; eventId: string; sendUpdates: string }>;
  calendar(sub: string): CalendarStore;
}

const FREEBUSY_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.freebusy', 'https://www.googleapis.com/auth/calendar.events.freebusy'];
const READ_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.events.readonly'];
const WRITE_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];
const DAY = 86_400_000;
/** Event fields a client may set on insert; Calendar ignores the read-only rest. */
const WRITABLE = ['summary', 'description', 'location', 'start', 'end', 'attendees', 'recurrence', 'reminders', 'colorId', 'visibility', 'transparency',
  'conferenceData', 'extendedProperties', 'guestsCanInviteOthers', 'guestsCanModify', 'guestsCanSeeOtherGuests', 'source', 'attachments', 'status',
  'anyoneCanAddSelf', 'eventType', 'focusTimeProperties', 'outOfOfficeProperties', 'workingLocationProperties', 'sequence', 'locked', 'iCalUID'];

/** Calendar's older error style: no `status` field (`{ error: { errors, code, message } }`). */
const calendarError = (code: number, message: string, reason: string) => googleError(code, message, { reason, status: null });

function eventId(random: SeededRandom): string {
  let id = '';
  for (let i = 0; i < 26; i++) id += 'abcdefghijklmnopqrstuv0123456789'[random.int(0, 31)];
  return id;
}

/** Start or end as epoch ms: all-day dates count from midnight UTC. */
function instant(time: EventTime | undefined): number {
  if (!time) return Number.NaN;
  return Date.parse(time.dateTime ?? `${time.date}T00:00:00Z`);
}

function isRfc3339(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value));
}

function eventResource(store: CalendarStore, fields: Record<string, unknown>, created: Date, random: SeededRandom): CalendarEvent {
  const id = typeof fields.id === 'string' ? fields.id : eventId(random);
  const self = { email: store.user.email, self: true };
  return {
    kind: 'calendar#event',
    etag: `"${random.digits(16)}"`,
    id,
    status: 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${store.user.email}`).toString('base64url')}`,
    created: rfc3339(created, true),
    updated: rfc3339(created, true),
    creator: self,
    organizer: self,
    iCalUID: `${id}@google.com`,
    sequence: 0,
    reminders: { useDefault: true },
    eventType: 'default',
    ...fields,
  } as unknown as CalendarEvent;
}

function fromSeed(store: CalendarStore, seed: CalendarSeedEvent, today: number, random: SeededRandom): CalendarEvent {
  const dayStart = today + seed.day * DAY;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const start: EventTime = seed.allDayDays ? { date: date(dayStart) } : { dateTime: rfc3339(new Date(dayStart + seed.startMinute * 60_000)), timeZone: store.timeZone };
  const end: EventTime = seed.allDayDays ? { date: date(dayStart + seed.allDayDays * DAY) } : { dateTime: rfc3339(new Date(dayStart + seed.endMinute * 60_000)), timeZone: store.timeZone };
  const created = new Date(dayStart - random.int(2, 20) * DAY);
  const fields: Record<string, unknown> = { summary: seed.summary, start, end, status: seed.status ?? 'confirmed' };
  if (seed.description) fields.description = seed.description;
  if (seed.location) fields.location = seed.location;
  if (seed.organizer) {
    fields.creator = { email: seed.organizer.email, displayName: seed.organizer.name };
    fields.organizer = { email: seed.organizer.email, displayName: seed.organizer.name };
  }
  if (seed.attendees.length > 0) {
    const me = { email: store.user.email, self: true, responseStatus: seed.selfResponse ?? 'accepted', ...(seed.organizer ? {} : { organizer: true }) };
    fields.attendees = [
      ...seed.attendees.map(({ person, responseStatus }) => ({
        email: person.email, displayName: person.name, responseStatus, ...(person === seed.organizer ? { organizer: true } : {}),
      })),
      me,
    ];
  }
  const event = eventResource(store, fields, created, random);
  event.updated = rfc3339(new Date(created.getTime() + random.int(0, 36) * 3_600_000), true);
  return event;
}

export function createCalendarStore(seed: string, sub: string, now: Date): CalendarStore {
  const random = seededRandom(seed, 'calendar', sub);
  const store: CalendarStore = { user: mockUser(seed, sub), timeZone: 'UTC', events: [], random };
  const today = Math.floor(now.getTime() / DAY) * DAY;
  store.events = calendarSeed(store.user, random).map((e) => fromSeed(store, e, today, random));
  return store;
}

/** Google Calendar API v3 (`https://www.googleapis.com/calendar/v3`): events.list, events.get, events.insert, events.patch, events.delete, freebusy.query. */
export function createGoogleCalendarMock(context: MockProviderContext): MockProvider<CalendarMockState> {
  const stores = new Map<string, CalendarStore>();
  const calendar = (sub: string): CalendarStore => {
    let store = stores.get(sub);
    if (!store) stores.set(sub, (store = createCalendarStore(context.seed, sub, seedTime(context))));
    return store;
  };
  const state: CalendarMockState = { created: [], changed: [], calendar };
  const router = createRouter<{ store: CalendarStore; sub: string }>();

  router.add('GET', '/v3/calendars/:calendarId/events', (request, _params, { store }) => list(request, store));
  router.add('GET', '/v3/calendars/:calendarId/events/:eventId', (_request, params, { store }) => {
    const event = store.events.find((e) => e.id === params.eventId);
    return event ? { status: 200, body: event } : calendarError(404, 'Not Found', 'notFound');
  });
  router.add('POST', '/v3/calendars/:calendarId/events', (request, params, { store, sub }) => {
    const response = insert(request, store);
    if (response.status === 200) state.created.push({ sub, calendarId: params.calendarId ?? 'primary', event: response.body as Record<string, unknown> });
    return response;
  });

  router.add('PATCH', '/v3/calendars/:calendarId/events/:eventId', (request, params, { store, sub }) => {
    const event = store.events.find((e) => e.id === params.eventId);
    if (!event || event.status === 'cancelled') return event ? calendarError(410, 'Resource has been deleted', 'deleted') : calendarError(404, 'Not Found', 'notFound');
    const sendUpdates = request.query.get('sendUpdates') ?? 'false';
    if (!['all', 'externalOnly', 'none', 'false'].includes(sendUpdates)) return calendarError(400, `Invalid value for: ${sendUpdates} is not a valid value`, 'invalidParameter');
    const response = patch(request, store, event);
    if (response.status === 200) state.changed.push({ sub, kind: 'patch', eventId: event.id, sendUpdates });
    return response;
  });
  router.add('DELETE', '/v3/calendars/:calendarId/events/:eventId', (request, params, { store, sub }) => {
    const event = store.events.find((e) => e.id === params.eventId);
    if (!event) return calendarError(404, 'Not Found', 'notFound');
    if (event.status === 'cancelled') return calendarError(410, 'Resource has been deleted', 'deleted');
    event.status = 'cancelled';
    event.updated = rfc3339(context.now(), true);
    state.changed.push({ sub, kind: 'delete', eventId: event.id, sendUpdates: request.query.get('sendUpdates') ?? 'false' });
    return { status: 204 };
  });
  router.add('POST', '/v3/freeBusy', (request, _params, { store }) => freeBusy(request, store));

  /** Patch semantics: members sent replace the event's; `null` removes one (`start.date` when moving to a timed event). */
  function patch(request: MockRequest, store: CalendarStore, event: CalendarEvent): MockResponse {
    if (request.bodyError || !isRecord(request.body)) return calendarError(400, 'Parse Error', 'parseError');
    const body = request.body;
    const next: Record<string, unknown> = { ...event };
    for (const key of WRITABLE) {
      if (body[key] === undefined) continue;
      if (body[key] === null) delete next[key];
      else if ((key === 'start' || key === 'end') && isRecord(body[key])) {
        const merged: Record<string, unknown> = { ...(event[key] as unknown as Record<string, unknown>) };
        for (const [name, value] of Object.entries(body[key] as Record<string, unknown>)) {
          if (value === null) delete merged[name];
          else merged[name] = value;
        }
        // A date-time replaces the date and the other way round, even without an explicit null.
        if ((body[key] as Record<string, unknown>).dateTime) delete merged.date;
        if ((body[key] as Record<string, unknown>).date) { delete merged.dateTime; delete merged.timeZone; }
        next[key] = merged;
      } else next[key] = body[key];
    }
    for (const edge of ['start', 'end'] as const) {
      const time = next[edge] as EventTime | undefined;
      if (!time || (time.date === undefined && time.dateTime === undefined)) return calendarError(400, `Missing ${edge} time.`, 'required');
      if (time.dateTime !== undefined && !/(Z|[+-]\d{2}:\d{2})$/i.test(time.dateTime) && !time.timeZone) return calendarError(400, `Missing time zone definition for ${edge} time.`, 'required');
    }
    if (instant(next.end as EventTime) < instant(next.start as EventTime)) return calendarError(400, 'The specified time range is empty.', 'timeRangeEmpty');
    if (body.attendees !== undefined && body.attendees !== null) {
      if (!Array.isArray(body.attendees)) return calendarError(400, 'Bad Request', 'badRequest');
      const before = new Map((event.attendees as Array<{ email: string; responseStatus?: string }> | undefined ?? []).map((a) => [a.email.toLowerCase(), a]));
      const attendees = [];
      for (const a of body.attendees) {
        if (!isRecord(a) || typeof a.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(a.email)) return calendarError(400, 'Invalid attendee email.', 'invalid');
        // A person already invited keeps their answer.
        attendees.push({ ...a, responseStatus: before.get(a.email.toLowerCase())?.responseStatus ?? 'needsAction' });
      }
      next.attendees = attendees;
    }
    next.sequence = Number(event.sequence ?? 0) + (body.start !== undefined || body.end !== undefined ? 1 : 0);
    next.updated = rfc3339(context.now(), true);
    next.etag = `"${store.random.digits(16)}"`;
    Object.keys(event).forEach((key) => delete (event as Record<string, unknown>)[key]);
    Object.assign(event, next);
    return { status: 200, body: event };
  }

  function freeBusy(request: MockRequest, store: CalendarStore): MockResponse {
    if (request.bodyError || !isRecord(request.body)) return calendarError(400, 'Parse Error', 'parseError');
    const { timeMin, timeMax, items } = request.body;
    if (typeof timeMin !== 'string' || typeof timeMax !== 'string') return calendarError(400, `Missing ${typeof timeMin !== 'string' ? 'timeMin' : 'timeMax'}.`, 'required');
    if (!isRfc3339(timeMin) || !isRfc3339(timeMax)) return calendarError(400, 'Bad Request', 'badRequest');
    if (Date.parse(timeMax) <= Date.parse(timeMin)) return calendarError(400, 'The specified time range is empty.', 'timeRangeEmpty');
    if (!Array.isArray(items) || items.length === 0) return calendarError(400, 'Missing items.', 'required');
    const from = Date.parse(timeMin);
    const to = Date.parse(timeMax);
    const mine = store.events
      .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent' && instant(e.end) > from && instant(e.start) < to)
      .filter((e) => !(e.attendees as Array<{ self?: boolean; responseStatus?: string }> | undefined)?.some((a) => a.self && a.responseStatus === 'declined'))
      .map((e) => ({ start: rfc3339(new Date(Math.max(instant(e.start), from))), end: rfc3339(new Date(Math.min(instant(e.end), to))) }))
      .sort((a, b) => a.start.localeCompare(b.start));
    const calendars: Record<string, unknown> = {};
    for (const item of items) {
      const id = isRecord(item) && typeof item.id === 'string' ? item.id : '';
      if (id === 'primary' || id.toLowerCase() === store.user.email.toLowerCase()) calendars[id] = { busy: mine };
      else if (store.user.colleagues.some((c) => c.email.toLowerCase() === id.toLowerCase())) {
        // Colleagues share free/busy: a seeded working day with a few meetings.
        const random = seededRandom(context.seed, 'freebusy', id.toLowerCase());
        const busy = [];
        for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
          for (const hour of [9, 11, 14, 16]) {
            if (!random.chance(0.5)) continue;
            const start = day + hour * 3_600_000 + random.int(0, 1) * 1_800_000;
            const end = start + random.int(1, 2) * 1_800_000;
            if (end > from && start < to) busy.push({ start: rfc3339(new Date(Math.max(start, from))), end: rfc3339(new Date(Math.min(end, to))) });
          }
        }
        calendars[id] = { busy };
      } else calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
    }
    return { status: 200, body: { kind: 'calendar#freeBusy', timeMin: rfc3339(new Date(from), true), timeMax: rfc3339(new Date(to), true), calendars } };
  }

  function list(request: MockRequest, store: CalendarStore): MockResponse {
    const q = request.query;
    const timeMin = q.get('timeMin');
    const timeMax = q.get('timeMax');
    const updatedMin = q.get('updatedMin');
    for (const value of [timeMin, timeMax, updatedMin]) if (value !== null && !isRfc3339(value)) return calendarError(400, 'Bad Request', 'badRequest');
    if (timeMin && timeMax && Date.parse(timeMax) <= Date.parse(timeMin)) return calendarError(400, 'The specified time range is empty.', 'timeRangeEmpty');
    const orderBy = q.get('orderBy');
    const singleEvents = q.get('singleEvents') === 'true';
    if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated') return calendarError(400, `Invalid value for: ${orderBy} is not a valid value`, 'invalidParameter');
    if (orderBy === 'startTime' && !singleEvents) return calendarError(400, 'The requested ordering is not available for the particular query.', 'badRequest');
    const maxResults = intParam(q.get('maxResults'), 250, 1, 2500);
    const offset = decodeCursor('calendar', q.get('pageToken'));
    if (offset === undefined) return calendarError(400, 'Invalid page token value.', 'invalid');
    const text = (q.get('q') ?? '').toLowerCase().trim();
    const showDeleted = q.get('showDeleted') === 'true';
    let items = store.events.filter((e) =>
      (showDeleted || e.status !== 'cancelled')
      && (!timeMin || instant(e.end) > Date.parse(timeMin))
      && (!timeMax || instant(e.start) < Date.parse(timeMax))
      && (!updatedMin || Date.parse(e.updated) >= Date.parse(updatedMin))
      && (!text || text.split(/\s+/).every((word) => JSON.stringify([e.summary, e.description, e.location, e.attendees]).toLowerCase().includes(word))));
    if (orderBy === 'startTime') items = [...items].sort((a, b) => instant(a.start) - instant(b.start));
    if (orderBy === 'updated') items = [...items].sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated));
    const page = items.slice(offset, offset + maxResults);
    const more = offset + maxResults < items.length;
    const updated = store.events.reduce((latest, e) => (e.updated > latest ? e.updated : latest), '1970-01-01T00:00:00.000Z');
    return { status: 200, body: {
      kind: 'calendar#events',
      etag: `"p3${store.random.digits(14)}"`,
      summary: store.user.email,
      description: '',
      updated,
      timeZone: store.timeZone,
      accessRole: 'owner',
      defaultReminders: [{ method: 'popup', minutes: 10 }],
      ...(more ? { nextPageToken: encodeCursor('calendar', offset + maxResults) } : { nextSyncToken: `CP${store.random.hex(20)}` }),
      items: page,
    } };
  }

  function insert(request: MockRequest, store: CalendarStore): MockResponse {
    if (request.bodyError || !isRecord(request.body)) return calendarError(400, 'Parse Error', 'parseError');
    const body = request.body;
    for (const edge of ['start', 'end'] as const) {
      const time = body[edge];
      if (!isRecord(time) || (time.dateTime === undefined && time.date === undefined)) return calendarError(400, `Missing ${edge} time.`, 'required');
      if (typeof time.dateTime === 'string') {
        const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(time.dateTime);
        if (!hasOffset && typeof time.timeZone !== 'string') return calendarError(400, `Missing time zone definition for ${edge} time.`, 'required');
        if (Number.isNaN(Date.parse(hasOffset ? time.dateTime : `${time.dateTime}Z`))) return calendarError(400, 'Bad Request', 'badRequest');
      }
    }
    const startMs = instant(body.start as EventTime);
    const endMs = instant(body.end as EventTime);
    if (!Number.isNaN(startMs) && !Number.isNaN(endMs) && endMs < startMs) return calendarError(400, 'The specified time range is empty.', 'timeRangeEmpty');
    const fields: Record<string, unknown> = {};
    for (const key of WRITABLE) if (body[key] !== undefined) fields[key] = body[key];
    if (typeof body.id === 'string') {
      if (!/^[a-v0-9]{5,1024}$/.test(body.id)) return calendarError(400, 'Invalid resource id value.', 'invalid');
      if (store.events.some((e) => e.id === body.id)) return calendarError(409, 'The requested identifier already exists.', 'duplicate');
      fields.id = body.id;
    }
    if (body.attendees !== undefined) {
      if (!Array.isArray(body.attendees)) return calendarError(400, 'Bad Request', 'badRequest');
      const attendees = [];
      for (const a of body.attendees) {
        if (!isRecord(a) || typeof a.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(a.email)) return calendarError(400, 'Invalid attendee email.', 'invalid');
        const self = a.email.toLowerCase() === store.user.email.toLowerCase();
        attendees.push({ ...a, responseStatus: self ? 'accepted' : (a.responseStatus ?? 'needsAction'), ...(self ? { self: true, organizer: true } : {}) });
      }
      fields.attendees = attendees;
    }
    const event = eventResource(store, fields, context.now(), store.random);
    store.events.push(event);
    return { status: 200, body: event };
  }

  return {
    state,
    failure: (status) => googleError(status, undefined, { status: null }),
    async handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: { status: 404, text: 'Not Found', headers: { 'content-type': 'text/html; charset=UTF-8' } } };
      const freeBusyQuery = request.path === '/v3/freeBusy';
      const auth = await googleAuth(request, context, freeBusyQuery ? FREEBUSY_SCOPES : request.method === 'GET' ? READ_SCOPES : WRITE_SCOPES);
      if ('response' in auth) return auth;
      const store = calendar(auth.token.sub);
      const calendarId = match.params.calendarId;
      if (calendarId !== undefined && calendarId !== 'primary' && calendarId.toLowerCase() !== store.user.email.toLowerCase()) {
        return { response: calendarError(404, 'Not Found', 'notFound'), sub: auth.token.sub };
      }
      return { response: await match.handler(request, match.params, { store, sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}
