import { describe, expect, it } from 'vitest';
import type { ApiDescription } from './api-description.ts';
import { checkRequestAgainstSpec } from './check-request-against-spec.ts';
import { coreCatalog } from './core-catalog.ts';

const check = coreCatalog.check;

/** Microsoft Graph has no catalog provider yet: its bindings, as an `outlook` folder would hold them. */
const graph = (file: string): ApiDescription => ({ file, format: 'openapi', base: 'https://graph.microsoft.com/v1.0', style: 'odata', pathAliases: { '/me': '/users/me' } });
const GRAPH_MAIL = graph('msgraph-v1.0-mail.yml');
const GRAPH_CALENDAR = graph('msgraph-v1.0-calendar.yml');
const GRAPH_USERS_ACTIONS = graph('msgraph-v1.0-users-actions.yml');

const GMAIL = 'https://gmail.googleapis.com/gmail/v1/users/me';
const CALENDAR = 'https://www.googleapis.com/calendar/v3/calendars/primary/events';

describe('checkRequestAgainstSpec: Google Discovery (Gmail, Calendar, Drive)', () => {
  it('accepts Gmail messages.list with q and maxResults, and labelIds repeated', () => {
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/messages?q=is:unread&maxResults=5` }))
      .toEqual({ ok: true, operation: 'gmail.users.messages.list', problems: [] });
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/messages?labelIds=INBOX&labelIds=UNREAD&includeSpamTrash=false` }).ok).toBe(true);
  });

  it('accepts messages.get with format and metadataHeaders, and messages.send with raw', () => {
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/messages/18c4d5a9f0e1b2c3?format=metadata&metadataHeaders=From&metadataHeaders=Subject` }))
      .toMatchObject({ ok: true, operation: 'gmail.users.messages.get' });
    expect(check('gmail', { method: 'POST', url: `${GMAIL}/messages/send`, body: { raw: 'VG86IGFAYi5j', threadId: '18c4d5a9f0e1b2c3' } }))
      .toEqual({ ok: true, operation: 'gmail.users.messages.send', problems: [] });
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/profile` })).toMatchObject({ ok: true, operation: 'gmail.users.getProfile' });
  });

  it('accepts the standard Google parameters on any method', () => {
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/messages?fields=messages(id)&prettyPrint=false&alt=json` }).ok).toBe(true);
  });

  it('flags unknown query parameters, wrong types and bad enum values', () => {
    const r = check('gmail', { method: 'GET', url: `${GMAIL}/messages?query=is:unread&maxResults=ten` });
    expect(r.ok).toBe(false);
    expect(r.operation).toBe('gmail.users.messages.list');
    expect(r.problems).toEqual([
      expect.stringContaining('unknown query parameter "query"'),
      'query parameter "maxResults" should be an integer, got "ten"',
    ]);
    const format = check('gmail', { method: 'GET', url: `${GMAIL}/messages/abc?format=html` });
    expect(format.problems).toEqual(['query parameter "format" is "html", not one of "minimal", "full", "raw", "metadata"']);
  });

  it('flags unknown body fields and a missing body', () => {
    expect(check('gmail', { method: 'POST', url: `${GMAIL}/messages/send`, body: { raw: 'x', to: 'bob@example.com' } }).problems)
      .toEqual(['unknown body field "to"']);
    expect(check('gmail', { method: 'POST', url: `${GMAIL}/messages/send` }).problems).toEqual(['missing request body (Message)']);
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/profile`, body: { x: 1 } }).problems).toEqual(['gmail.users.getProfile takes no request body']);
  });

  it('flags a wrong method, an unknown path and a foreign host', () => {
    const method = check('gmail', { method: 'DELETE', url: `${GMAIL}/messages` });
    expect(method.ok).toBe(false);
    expect(method.problems[0]).toMatch(/^method DELETE is not defined for \/gmail\/v1\/users\/me\/messages; the spec has /);
    expect(method.problems[0]).toContain('GET (gmail.users.messages.list)');
    expect(method.problems[0]).toContain('POST (gmail.users.messages.insert)');
    expect(check('gmail', { method: 'GET', url: `${GMAIL}/mails` }).problems).toEqual(['no operation in the spec matches path /gmail/v1/users/me/mails']);
    expect(check('gmail', { method: 'GET', url: 'https://mail.example.com/gmail/v1/users/me/messages' }).problems[0]).toMatch(/^host mail\.example\.com is not gmail\.googleapis\.com/);
  });

  it('accepts Calendar events.list and events.insert', () => {
    const list = check('google_calendar', {
      method: 'GET', url: `${CALENDAR}?timeMin=2025-03-12T00:00:00Z&timeMax=2025-03-19T00:00:00%2B01:00&maxResults=10&singleEvents=true&orderBy=startTime&q=standup`,
    });
    expect(list).toEqual({ ok: true, operation: 'calendar.events.list', problems: [] });
    const insert = check('google_calendar', {
      method: 'POST', url: `${CALENDAR}?sendUpdates=all`,
      body: {
        summary: 'Sync', description: 'Agenda', location: 'Room 1',
        start: { dateTime: '2025-03-13T10:00:00+01:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2025-03-13T10:30:00+01:00' },
        attendees: [{ email: 'bob@example.com', optional: true }], reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }] },
      },
    });
    expect(insert).toEqual({ ok: true, operation: 'calendar.events.insert', problems: [] });
  });

  it('flags Calendar mistakes: nested unknown fields, types, required fields, enums, date-times without offset', () => {
    const r = check('google_calendar', {
      method: 'POST', url: CALENDAR,
      body: { title: 'Sync', summary: 42, start: { dateTime: '2025-03-13T10:00:00Z' }, attendees: [{ mail: 'bob@example.com' }] },
    });
    expect(r.problems).toEqual([
      'unknown body field "title"',
      'body field "summary" should be string, got integer',
      'unknown body field "attendees[0].mail"',
      'missing required body field "end" (required by calendar.events.insert)',
    ]);
    const list = check('google_calendar', { method: 'GET', url: `${CALENDAR}?timeMin=2025-03-12&orderBy=start` });
    expect(list.problems).toEqual([
      'query parameter "timeMin" should be an RFC 3339 date-time with a time zone offset, got "2025-03-12"',
      'query parameter "orderBy" is "start", not one of "startTime", "updated"',
    ]);
  });

  it('knows Drive too, including media upload paths', () => {
    expect(check('google_drive', { method: 'GET', url: "https://www.googleapis.com/drive/v3/files?q=name%20contains%20'plan'&pageSize=10&fields=files(id,name)" }))
      .toMatchObject({ ok: true, operation: 'drive.files.list' });
    expect(check('google_drive', { method: 'POST', url: 'https://www.googleapis.com/upload/drive/v3/files?uploadType=media' }))
      .toMatchObject({ ok: true, operation: 'drive.files.create' });
  });
});

describe('checkRequestAgainstSpec: Slack (OpenAPI 2)', () => {
  const SLACK = 'https://slack.com/api';

  it('accepts chat.postMessage as JSON or form fields', () => {
    expect(check('slack', { method: 'POST', url: `${SLACK}/chat.postMessage`, contentType: 'application/json', body: { channel: 'C123', text: 'Hello', blocks: [{ type: 'section' }], thread_ts: '1712345678.000100' } }))
      .toEqual({ ok: true, operation: 'chat_postMessage', problems: [] });
    expect(check('slack', { method: 'POST', url: `${SLACK}/chat.postMessage`, body: { channel: 'C123', text: 'Hello', token: 'xoxp-1' } }).ok).toBe(true);
  });

  it('accepts conversations.list by GET query or POST form', () => {
    expect(check('slack', { method: 'GET', url: `${SLACK}/conversations.list?types=public_channel,private_channel&limit=200&exclude_archived=true&cursor=dGVhbTpD` }))
      .toEqual({ ok: true, operation: 'conversations_list', problems: [] });
    expect(check('slack', { method: 'POST', url: `${SLACK}/conversations.list`, contentType: 'application/x-www-form-urlencoded', body: { limit: '50', exclude_archived: '1' } }).ok).toBe(true);
    expect(check('slack', { method: 'GET', url: `${SLACK}/conversations.history?channel=C123&limit=20` })).toMatchObject({ ok: true, operation: 'conversations_history' });
    expect(check('slack', { method: 'GET', url: `${SLACK}/auth.test` })).toMatchObject({ ok: true, operation: 'auth_test' });
  });

  it('flags unknown arguments, missing required ones, JSON on form-only methods and GET on POST-only methods', () => {
    expect(check('slack', { method: 'POST', url: `${SLACK}/chat.postMessage`, body: { chanel: 'C123', text: 'x' } }).problems).toEqual([
      expect.stringMatching(/^unknown argument "chanel" for chat_postMessage \(allowed: as_user, attachments, blocks, channel,/),
      'missing required argument "channel"',
    ]);
    expect(check('slack', { method: 'GET', url: `${SLACK}/conversations.list?count=10` }).problems).toEqual([
      expect.stringContaining('unknown query parameter "count"'),
    ]);
    expect(check('slack', { method: 'POST', url: `${SLACK}/conversations.history`, contentType: 'application/json', body: { channel: 'C123' } }).problems)
      .toEqual(['conversations_history does not accept JSON bodies (it accepts application/x-www-form-urlencoded)']);
    expect(check('slack', { method: 'GET', url: `${SLACK}/chat.postMessage?channel=C1&text=x` }).problems[0]).toMatch(/^method GET is not defined/);
    expect(check('slack', { method: 'POST', url: `${SLACK}/chat.sendMessage`, body: {} }).problems).toEqual(['no operation in the spec matches path /chat.sendMessage']);
    expect(check('slack', { method: 'POST', url: 'https://slack.com/chat.postMessage', body: {} }).problems[0]).toMatch(/not under https:\/\/slack\.com\/api/);
  });
});

describe('checkRequestAgainstSpec: GitHub (OpenAPI 3)', () => {
  const GH = 'https://api.github.com';

  it('accepts GET /user/repos, GET and POST /repos/{owner}/{repo}/issues', () => {
    expect(check('github', { method: 'GET', url: `${GH}/user/repos?visibility=all&affiliation=owner,collaborator&sort=updated&direction=desc&per_page=10&page=2` }))
      .toEqual({ ok: true, operation: 'repos/list-for-authenticated-user', problems: [] });
    expect(check('github', { method: 'GET', url: `${GH}/repos/octo/hello/issues?state=open&per_page=5&labels=bug,ui&sort=updated` }))
      .toEqual({ ok: true, operation: 'issues/list-for-repo', problems: [] });
    expect(check('github', { method: 'POST', url: `${GH}/repos/octo/hello/issues`, body: { title: 'Found a bug', body: 'Details', labels: ['bug'], assignees: ['octocat'] } }))
      .toEqual({ ok: true, operation: 'issues/create', problems: [] });
    expect(check('github', { method: 'GET', url: `${GH}/user` })).toMatchObject({ ok: true, operation: 'users/get-authenticated' });
  });

  it('prefers the most literal path: /repos/{o}/{r}/issues/comments is not issues/get', () => {
    expect(check('github', { method: 'GET', url: `${GH}/repos/octo/hello/issues/comments` }).operation).toBe('issues/list-comments-for-repo');
    expect(check('github', { method: 'GET', url: `${GH}/repos/octo/hello/issues/42` }).operation).toBe('issues/get');
  });

  it('flags bad enums, unknown query params, unknown and missing body fields, wrong methods and paths', () => {
    expect(check('github', { method: 'GET', url: `${GH}/user/repos?visibility=secret&perpage=10` }).problems).toEqual([
      'query parameter "visibility" is "secret", not one of "all", "public", "private"',
      expect.stringContaining('unknown query parameter "perpage"'),
    ]);
    expect(check('github', { method: 'POST', url: `${GH}/repos/octo/hello/issues`, body: { titel: 'x', labels: 'bug' } }).problems).toEqual([
      'unknown body field "titel"',
      'body field "labels" should be array, got string',
      'missing required body field "title"',
    ]);
    expect(check('github', { method: 'POST', url: `${GH}/repos/octo/hello/issues` }).problems).toEqual(['missing request body for issues/create']);
    expect(check('github', { method: 'DELETE', url: `${GH}/user/repos` }).problems[0]).toMatch(/^method DELETE is not defined for \/user\/repos; the spec has GET \(repos\/list-for-authenticated-user\), POST \(repos\/create-for-authenticated-user\)/);
    expect(check('github', { method: 'GET', url: `${GH}/user/repos/all/of/them` }).problems).toEqual(['no operation in the spec matches path /user/repos/all/of/them']);
    // `/user/repositories` looks like `GET /user/{account_id}`, whose id must be an integer.
    expect(check('github', { method: 'GET', url: `${GH}/user/repositories` }).problems).toEqual(['path parameter "account_id" should be an integer, got "repositories"']);
    expect(check('github', { method: 'PATCH', url: `${GH}/repos/octo/hello/issues/7`, body: { state: 'done' } }).problems)
      .toEqual(['body field "state" is "done", not one of "open", "closed"']);
    expect(check('github', { method: 'GET', url: 'https://github.com/user/repos' }).problems).toEqual(['host github.com is not https://api.github.com']);
  });
});

describe('checkRequestAgainstSpec: Jira and Microsoft Graph', () => {
  it('maps Jira site and 3LO URLs onto /rest/api/3 operations', () => {
    const body = { fields: { project: { key: 'OPS' }, summary: 'Broken', issuetype: { name: 'Bug' } } };
    expect(check('jira', { method: 'POST', url: 'https://api.atlassian.com/ex/jira/11223344-a1b2/rest/api/3/issue', body })).toMatchObject({ ok: true, operation: 'createIssue' });
    expect(check('jira', { method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/issue', body })).toMatchObject({ ok: true, operation: 'createIssue' });
    expect(check('jira', { method: 'GET', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-1?fields=summary' })).toMatchObject({ ok: true, operation: 'getIssue' });
    expect(check('jira', { method: 'GET', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-1?feilds=summary' }).problems)
      .toEqual([expect.stringContaining('unknown query parameter "feilds" for getIssue')]);
    expect(check('jira', { method: 'GET', url: 'https://acme.example.com/rest/api/3/issue/OPS-1' }).ok).toBe(false);
  });

  it('checks Graph mail: /me is /users/{user-id}, OData options, sendMail with case-insensitive names', () => {
    expect(checkRequestAgainstSpec(GRAPH_MAIL, { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/messages?$top=10&$select=subject,from&$orderby=receivedDateTime desc&$filter=isRead eq false' }))
      .toEqual({ ok: true, operation: 'user_ListMessage', problems: [] });
    const message = { subject: 'Hi', body: { contentType: 'Text', content: 'Hello' }, toRecipients: [{ emailAddress: { address: 'bob@example.com' } }] };
    expect(checkRequestAgainstSpec(GRAPH_USERS_ACTIONS, { method: 'POST', url: 'https://graph.microsoft.com/v1.0/me/sendMail', body: { message, saveToSentItems: true } }))
      .toEqual({ ok: true, operation: 'user_sendMail', problems: [] });
    expect(checkRequestAgainstSpec(GRAPH_USERS_ACTIONS, { method: 'POST', url: 'https://graph.microsoft.com/v1.0/users/42/microsoft.graph.sendMail', body: { message } }).ok).toBe(true);
    expect(checkRequestAgainstSpec(GRAPH_USERS_ACTIONS, { method: 'POST', url: 'https://graph.microsoft.com/v1.0/me/sendMail', body: { message: { ...message, subjekt: 'x', importance: 'urgent' } } }).problems).toEqual([
      'unknown body field "message.subjekt"',
      'body field "message.importance" is "urgent", not one of "low", "normal", "high"',
    ]);
    expect(checkRequestAgainstSpec(GRAPH_MAIL, { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/messages?$top=ten' }).problems).toEqual(['query parameter "$top" should be an integer, got "ten"']);
  });

  it('checks Graph calendar operations', () => {
    expect(checkRequestAgainstSpec(GRAPH_CALENDAR, { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=2025-03-12T00:00:00Z&endDateTime=2025-03-19T00:00:00Z&$top=20' }))
      .toMatchObject({ ok: true, operation: 'user_ListCalendarView' });
    expect(checkRequestAgainstSpec(GRAPH_CALENDAR, { method: 'GET', url: 'https://graph.microsoft.com/v1.0/me/calendarView?$top=20' }).problems).toEqual([
      'missing required query parameter "startDateTime"',
      'missing required query parameter "endDateTime"',
    ]);
    const event = { subject: 'Sync', start: { dateTime: '2025-03-13T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2025-03-13T10:30:00', timeZone: 'UTC' }, attendees: [{ emailAddress: { address: 'bob@example.com' }, type: 'required' }] };
    expect(checkRequestAgainstSpec(GRAPH_CALENDAR, { method: 'POST', url: 'https://graph.microsoft.com/v1.0/me/events', body: event })).toMatchObject({ ok: true, operation: 'user_CreateEvent' });
  });
});

describe('checkRequestAgainstSpec: Notion (from the SDK endpoint table)', () => {
  it('accepts search and pages.create, and flags unknown fields, methods and paths', () => {
    expect(check('notion', { method: 'POST', url: 'https://api.notion.com/v1/search', body: { query: 'roadmap', filter: { property: 'object', value: 'page' }, page_size: 10 } }))
      .toEqual({ ok: true, operation: 'search', problems: [] });
    expect(check('notion', { method: 'POST', url: 'https://api.notion.com/v1/pages', body: { parent: { page_id: 'x' }, properties: {}, children: [] } }))
      .toEqual({ ok: true, operation: 'createPage', problems: [] });
    expect(check('notion', { method: 'GET', url: 'https://api.notion.com/v1/blocks/abc/children?page_size=50' })).toMatchObject({ ok: true, operation: 'listBlockChildren' });
    expect(check('notion', { method: 'POST', url: 'https://api.notion.com/v1/pages', body: { parent: {}, title: 'x' } }).problems)
      .toEqual([expect.stringMatching(/^unknown body field "title" for createPage/)]);
    expect(check('notion', { method: 'GET', url: 'https://api.notion.com/v1/search' }).problems[0]).toMatch(/^method GET is not defined for \/v1\/search/);
    expect(check('notion', { method: 'GET', url: 'https://api.notion.com/v1/nothing' }).ok).toBe(false);
  });
});

it('rejects relative URLs', () => {
  expect(check('github', { method: 'GET', url: '/user' })).toEqual({ ok: false, problems: ['not an absolute URL: /user'] });
});
