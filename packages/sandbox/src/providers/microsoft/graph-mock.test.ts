import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const G = '/outlook/v1.0';

describe('Microsoft Graph mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer(); // now = 2025-03-12T15:00:00Z
  });
  afterAll(() => s.close());

  it('answers Graph errors for a missing token and unknown paths', async () => {
    const anonymous = await s.call('GET', `${G}/me`, { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: 'InvalidAuthenticationToken', message: expect.any(String), innerError: { 'request-id': expect.any(String) } } });
    expect((await s.call('GET', `${G}/me/nothing`)).json.error.code).toBe('BadRequest');
  });

  it('lists, filters and searches mail; reads a body as text when asked', async () => {
    const inbox = await s.call('GET', `${G}/me/mailFolders/inbox/messages?$top=10&$select=id,subject,isRead&$orderby=receivedDateTime desc`);
    expect(inbox.status).toBe(200);
    expect(inbox.json.value.map((m: { subject: string }) => m.subject)).toEqual(['Q3 budget review', 'Lunch on Thursday?', 'Release notes 4.2']);
    expect(Object.keys(inbox.json.value[0]).sort()).toEqual(['id', 'isRead', 'subject']);
    const unread = await s.call('GET', `${G}/me/mailFolders/inbox/messages?$filter=${encodeURIComponent('isRead eq false')}`);
    expect(unread.json.value).toHaveLength(2);
    const budget = await s.call('GET', `${G}/me/messages?$search=${encodeURIComponent('"budget"')}&$select=subject,from`);
    expect(budget.json.value.map((m: { subject: string }) => m.subject)).toEqual(['Q3 budget review']);
    const sender = String(budget.json.value[0].from.emailAddress.name).split(' ')[0]!.toLowerCase();
    const fromSearch = await s.call('GET', `${G}/me/messages?$search=${encodeURIComponent(`"from:${sender} budget"`)}`);
    expect(fromSearch.json.value).toHaveLength(1);
    expect((await s.call('GET', `${G}/me/messages?$search=${encodeURIComponent('"from:nobody budget"')}`)).json.value).toEqual([]);
    // $search does not combine with $filter at Graph.
    expect((await s.call('GET', `${G}/me/messages?$search=%22x%22&$filter=${encodeURIComponent('isRead eq false')}`)).status).toBe(400);
    const id = inbox.json.value[0].id;
    const html = await s.call('GET', `${G}/me/messages/${encodeURIComponent(id)}`);
    expect(html.json.body.contentType).toBe('html');
    const text = await s.call('GET', `${G}/me/messages/${encodeURIComponent(id)}`, { headers: { prefer: 'outlook.body-content-type="text"' } });
    expect(text.json.body).toMatchObject({ contentType: 'text', content: expect.stringContaining('Travel is 12% over plan.') });
    expect((await s.call('GET', `${G}/me/messages/nope`)).json.error.code).toBe('ErrorItemNotFound');
  });

  it('sends mail and replies with 202 and no body', async () => {
    const sent = await s.call('POST', `${G}/me/sendMail`, { body: { message: { subject: 'Hi', body: { contentType: 'Text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: 'bob@example.com' } }] }, saveToSentItems: true } });
    expect(sent.status).toBe(202);
    expect(sent.text).toBe('');
    expect(s.mock.state.outlook.sent.at(-1)).toMatchObject({ sub: 'alice', message: { subject: 'Hi' } });
    expect((await s.call('POST', `${G}/me/sendMail`, { body: { message: { subject: 'x' } } })).json.error.code).toBe('ErrorInvalidRecipients');
    const inbox = await s.call('GET', `${G}/me/messages?$top=1`);
    expect((await s.call('POST', `${G}/me/messages/${encodeURIComponent(inbox.json.value[0].id)}/replyAll`, { body: { comment: 'Thanks' } })).status).toBe(202);
    expect(s.mock.state.outlook.replies.at(-1)).toMatchObject({ comment: 'Thanks', replyAll: true });
  });

  it('serves a calendar view, creates and moves events, and answers getSchedule', async () => {
    const day = await s.call('GET', `${G}/me/calendarView?startDateTime=2025-03-12T00:00:00Z&endDateTime=2025-03-13T00:00:00Z`);
    expect(day.json.value.map((e: { subject: string }) => e.subject).sort()).toEqual(['Budget review', 'Standup']);
    expect(day.json.value[0].start).toEqual({ dateTime: expect.stringMatching(/^2025-03-12T\d{2}:\d{2}:00\.0000000$/), timeZone: 'UTC' });
    expect((await s.call('GET', `${G}/me/calendarView`)).json.error.code).toBe('ErrorInvalidParameter');

    const created = await s.call('POST', `${G}/me/events`, { body: { subject: 'Sync', start: { dateTime: '2025-03-12T16:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-12T16:30:00', timeZone: 'UTC' }, isOnlineMeeting: true } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ subject: 'Sync', start: { dateTime: '2025-03-12T16:00:00.0000000', timeZone: 'UTC' }, onlineMeeting: { joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\//) } });
    const moved = await s.call('PATCH', `${G}/me/events/${encodeURIComponent(created.json.id)}`, { body: { start: { dateTime: '2025-03-12T17:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-12T17:30:00', timeZone: 'UTC' } } });
    expect(moved.json.start.dateTime).toBe('2025-03-12T17:00:00.0000000');
    expect((await s.call('PATCH', `${G}/me/events/${encodeURIComponent(created.json.id)}`, { body: { end: { dateTime: '2025-03-12T10:00:00', timeZone: 'UTC' } } })).status).toBe(400);

    const owner = (await s.call('GET', `${G}/me/calendar?$select=owner`)).json.owner.address;
    const schedule = await s.call('POST', `${G}/me/calendar/getSchedule`, { body: { schedules: [owner, 'stranger@fabrikam.com'], startTime: { dateTime: '2025-03-12T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2025-03-13T00:00:00', timeZone: 'UTC' }, availabilityViewInterval: 30 } });
    expect(schedule.json.value[0].scheduleItems.length).toBeGreaterThanOrEqual(3);
    expect(schedule.json.value[1]).toMatchObject({ scheduleId: 'stranger@fabrikam.com', error: { responseCode: 'ErrorMailRecipientNotFound' } });
  });

  it('lists, searches, reads and uploads OneDrive files by path', async () => {
    const root = await s.call('GET', `/onedrive/v1.0/me/drive/root/children`);
    expect(root.json.value.map((i: { name: string }) => i.name).sort()).toEqual(['Budget notes.md', 'Finance']);
    const finance = root.json.value.find((i: { name: string }) => i.name === 'Finance');
    expect(finance).toMatchObject({ folder: { childCount: 1 }, parentReference: { path: '/drive/root:' } });
    const inside = await s.call('GET', `/onedrive/v1.0/me/drive/items/${finance.id}/children`);
    expect(inside.json.value[0]).toMatchObject({ name: 'Budget 2025.xlsx', parentReference: { path: '/drive/root:/Finance' } });
    const found = await s.call('GET', `/onedrive/v1.0/me/drive/root/search(q='budget%20notes')`);
    expect(found.json.value.map((i: { name: string }) => i.name)).toEqual(['Budget notes.md']);
    const content = await s.call('GET', `/onedrive/v1.0/me/drive/items/${found.json.value[0].id}/content`);
    expect(content.text).toContain('travel is 12% over plan');

    const put = (path: string, text: string) => fetch(`${s.origin}/onedrive/v1.0/me/drive/${path}`, { method: 'PUT', headers: { authorization: 'Bearer tok-alice', 'content-type': 'text/plain' }, body: text });
    const made = await put('root:/notes.txt:/content?@microsoft.graph.conflictBehavior=fail', 'first');
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ name: 'notes.txt', size: 5, file: { mimeType: 'text/plain' } });
    expect((await put('root:/notes.txt:/content?@microsoft.graph.conflictBehavior=fail', 'again')).status).toBe(409);
    expect((await put('root:/notes.txt:/content?@microsoft.graph.conflictBehavior=replace', 'second')).status).toBe(200);
    expect((await put(`items/${finance.id}:/q3.csv:/content`, 'a,b')).status).toBe(201);
    expect(s.mock.state.onedrive.uploads.map((u) => u.content)).toEqual(['first', 'second', 'a,b']);
  });

  it('lists teams, channels and chats; posts in channels, threads and chats', async () => {
    const teams = await s.call('GET', `/microsoft_teams/v1.0/me/joinedTeams`);
    const team = teams.json.value[0];
    expect(team).toMatchObject({ displayName: 'Acme Inc Team' });
    const channels = await s.call('GET', `/microsoft_teams/v1.0/teams/${team.id}/channels?$select=id,displayName`);
    const general = channels.json.value.find((c: { displayName: string }) => c.displayName === 'General');
    expect(general.id).toMatch(/^19:[0-9a-f]{32}@thread\.tacv2$/);
    const base = `/microsoft_teams/v1.0/teams/${team.id}/channels/${encodeURIComponent(general.id)}/messages`;
    const posted = await s.call('POST', base, { body: { body: { contentType: 'text', content: 'Hello team' } } });
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({ messageType: 'message', from: { user: { displayName: expect.stringMatching(/^Alice /) } }, body: { contentType: 'text', content: 'Hello team' } });
    expect((await s.call('POST', `${base}/${posted.json.id}/replies`, { body: { body: { content: 'Reply' } } })).json.replyToId).toBe(posted.json.id);
    expect((await s.call('POST', base, { body: { body: { content: '' } } })).status).toBe(400);

    const chats = await s.call('GET', `/microsoft_teams/v1.0/me/chats?$expand=members`);
    const group = chats.json.value.find((c: { topic: string | null }) => c.topic === 'Budget crew');
    expect(group.members.length).toBe(3);
    const chatPath = `/microsoft_teams/v1.0/chats/${encodeURIComponent(group.id)}/messages`;
    expect((await s.call('POST', chatPath, { body: { body: { contentType: 'text', content: 'On it' } } })).status).toBe(201);
    const messages = await s.call('GET', `${chatPath}?$top=5`);
    expect(messages.json.value[0].body.content).toBe('On it');
    expect((await s.call('POST', `/microsoft_teams/v1.0/chats/19%3Anone%40thread.v2/messages`, { body: { body: { content: 'x' } } })).status).toBe(403);
  });
});
