import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decode = (data: string) => Buffer.from(data, 'base64url').toString('utf8');

describe('Gmail mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  it('lists messages newest first in the ListMessagesResponse shape, without spam and trash', async () => {
    const r = await s.call('GET', '/gmail/v1/users/me/messages');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.json).sort()).toEqual(['messages', 'resultSizeEstimate']);
    expect(r.json.messages.length).toBeGreaterThanOrEqual(8);
    expect(r.json.messages.length).toBeLessThanOrEqual(12);
    for (const m of r.json.messages) expect(m).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(r.json.resultSizeEstimate).toBe(r.json.messages.length);
    const dates = await Promise.all(r.json.messages.map(async (m: { id: string }) => Number((await s.call('GET', `/gmail/v1/users/me/messages/${m.id}?format=minimal`)).json.internalDate)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const labels = await Promise.all(r.json.messages.map(async (m: { id: string }) => (await s.call('GET', `/gmail/v1/users/me/messages/${m.id}?format=minimal`)).json.labelIds as string[]));
    expect(labels.flat()).not.toContain('SPAM');
    expect(labels.flat()).not.toContain('TRASH');
  });

  it('filters with q (is:unread, from:, subject:, free text, negation) and labelIds', async () => {
    const unread = await s.call('GET', '/gmail/v1/users/me/messages?q=is:unread');
    expect(unread.json.messages.length).toBeGreaterThanOrEqual(3);
    for (const m of unread.json.messages) {
      const full = await s.call('GET', `/gmail/v1/users/me/messages/${m.id}?format=minimal`);
      expect(full.json.labelIds).toContain('UNREAD');
    }
    const fromGithub = await s.call('GET', '/gmail/v1/users/me/messages?q=' + encodeURIComponent('from:notifications@github.com'));
    expect(fromGithub.json.resultSizeEstimate).toBe(1);
    const subject = await s.call('GET', '/gmail/v1/users/me/messages?q=' + encodeURIComponent('subject:"planning doc"'));
    expect(subject.json.resultSizeEstimate).toBe(2); // the mail and the sent reply
    const freeText = await s.call('GET', '/gmail/v1/users/me/messages?q=globex');
    expect(freeText.json.resultSizeEstimate).toBe(2);
    const notUnread = await s.call('GET', '/gmail/v1/users/me/messages?q=' + encodeURIComponent('globex -is:unread'));
    expect(notUnread.json.resultSizeEstimate).toBe(1);
    const sent = await s.call('GET', '/gmail/v1/users/me/messages?labelIds=SENT');
    expect(sent.json.resultSizeEstimate).toBeGreaterThanOrEqual(1);
    const none = await s.call('GET', '/gmail/v1/users/me/messages?q=zzzznothing');
    expect(none.json).toEqual({ resultSizeEstimate: 0 }); // Gmail omits `messages` when empty
    const spam = await s.call('GET', '/gmail/v1/users/me/messages?includeSpamTrash=true&labelIds=SPAM');
    expect(spam.json.resultSizeEstimate).toBe(1);
  });

  it('paginates with maxResults and nextPageToken', async () => {
    const first = await s.call('GET', '/gmail/v1/users/me/messages?maxResults=3');
    expect(first.json.messages).toHaveLength(3);
    expect(first.json.nextPageToken).toEqual(expect.any(String));
    const second = await s.call('GET', `/gmail/v1/users/me/messages?maxResults=3&pageToken=${first.json.nextPageToken}`);
    expect(second.json.messages[0].id).not.toBe(first.json.messages[0].id);
    const bad = await s.call('GET', '/gmail/v1/users/me/messages?pageToken=garbage');
    expect(bad.status).toBe(400);
    expect(bad.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('returns the Message resource in full, metadata, minimal and raw formats', async () => {
    const [first] = (await s.call('GET', '/gmail/v1/users/me/messages?q=is:unread&maxResults=1')).json.messages;
    const full = (await s.call('GET', `/gmail/v1/users/me/messages/${first.id}`)).json;
    expect(full).toMatchObject({
      id: first.id, threadId: first.threadId, labelIds: expect.arrayContaining(['UNREAD']), snippet: expect.any(String),
      sizeEstimate: expect.any(Number), historyId: expect.stringMatching(/^\d+$/), internalDate: expect.stringMatching(/^\d{13}$/),
      payload: { partId: '', mimeType: expect.stringMatching(/^(text\/plain|multipart\/)/), filename: '', headers: expect.any(Array), body: expect.objectContaining({ size: expect.any(Number) }) },
    });
    const names = full.payload.headers.map((h: { name: string }) => h.name);
    expect(names).toEqual(expect.arrayContaining(['From', 'To', 'Subject', 'Date', 'Message-ID']));
    const textPart = full.payload.mimeType === 'text/plain' ? full.payload : full.payload.parts.find((p: { mimeType: string }) => p.mimeType === 'text/plain');
    expect(decode(textPart.body.data).length).toBe(textPart.body.size);
    expect(textPart.body.data).not.toMatch(/[+/=]/); // base64url, unpadded

    const metadata = (await s.call('GET', `/gmail/v1/users/me/messages/${first.id}?format=metadata&metadataHeaders=From&metadataHeaders=subject`)).json;
    expect(metadata.payload.headers.map((h: { name: string }) => h.name)).toEqual(['From', 'Subject']);
    expect(metadata.payload.parts).toBeUndefined();
    const minimal = (await s.call('GET', `/gmail/v1/users/me/messages/${first.id}?format=minimal`)).json;
    expect(minimal.payload).toBeUndefined();
    expect(minimal.snippet).toBe(full.snippet);
    const raw = (await s.call('GET', `/gmail/v1/users/me/messages/${first.id}?format=raw`)).json;
    expect(decode(raw.raw)).toMatch(/^Delivered-To: .+\r\n/);
    expect(decode(raw.raw)).toContain('MIME-Version: 1.0');
  });

  it('serves attachments as parts with attachmentId', async () => {
    const r = await s.call('GET', '/gmail/v1/users/me/messages?q=has:attachment');
    expect(r.json.resultSizeEstimate).toBe(1);
    const full = (await s.call('GET', `/gmail/v1/users/me/messages/${r.json.messages[0].id}`)).json;
    expect(full.payload.mimeType).toBe('multipart/mixed');
    const attachment = full.payload.parts.find((p: { filename: string }) => p.filename.endsWith('.pdf'));
    expect(attachment).toMatchObject({ mimeType: 'application/pdf', body: { attachmentId: expect.any(String), size: expect.any(Number) } });
  });

  it('answers 404 and 400 in Google error shape for unknown or malformed ids', async () => {
    const missing = await s.call('GET', '/gmail/v1/users/me/messages/0000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 404, message: 'Requested entity was not found.', errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }], status: 'NOT_FOUND' } });
    expect((await s.call('GET', '/gmail/v1/users/me/messages/not-an-id')).status).toBe(400);
    expect((await s.call('GET', '/gmail/v1/users/someone@else.test/messages')).status).toBe(403);
  });

  it('sends a base64url RFC 2822 message and stores it in SENT', async () => {
    const raw = b64url([
      'To: "Bob Builder" <bob@example.test>, carol@example.test',
      `Subject: =?UTF-8?B?${Buffer.from('Héllo from the agent').toString('base64')}?=`,
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Hi Bob, see you tomorrow.',
    ].join('\r\n'));
    const r = await s.call('POST', '/gmail/v1/users/me/messages/send', { body: { raw } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: r.json.id, labelIds: ['SENT'] });
    const sent = s.mock.state.gmail.sent.at(-1);
    expect(sent).toMatchObject({ sub: 'alice', to: ['bob@example.test', 'carol@example.test'], subject: 'Héllo from the agent', text: 'Hi Bob, see you tomorrow.', from: 'alice@acme.test' });
    const stored = (await s.call('GET', `/gmail/v1/users/me/messages/${r.json.id}?format=metadata`)).json;
    expect(stored.labelIds).toEqual(['SENT']);
    expect(stored.payload.headers).toEqual(expect.arrayContaining([{ name: 'Subject', value: 'Héllo from the agent' }, { name: 'From', value: 'Alice Chen <alice@acme.test>' }]));
  });

  it('rejects sends without raw, without recipients, or with unknown fields', async () => {
    const noRaw = await s.call('POST', '/gmail/v1/users/me/messages/send', { body: {} });
    expect(noRaw.status).toBe(400);
    expect(noRaw.json.error.message).toMatch(/'raw' RFC822 payload/);
    const noTo = await s.call('POST', '/gmail/v1/users/me/messages/send', { body: { raw: b64url('Subject: x\r\n\r\nbody') } });
    expect(noTo.json.error.message).toBe('Recipient address required');
    const unknown = await s.call('POST', '/gmail/v1/users/me/messages/send', { body: { raw: b64url('To: a@b.test\r\n\r\nx'), to: 'a@b.test' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('Unknown name "to"');
  });

  it('returns the profile', async () => {
    const r = await s.call('GET', '/gmail/v1/users/me/profile');
    expect(r.json).toEqual({ emailAddress: 'alice@acme.test', messagesTotal: expect.any(Number), threadsTotal: expect.any(Number), historyId: expect.stringMatching(/^\d+$/) });
  });

  it('answers 401 UNAUTHENTICATED with WWW-Authenticate for missing and invalid tokens', async () => {
    const missing = await s.call('GET', '/gmail/v1/users/me/messages', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    const invalid = await s.call('GET', '/gmail/v1/users/me/messages', { token: 'tok-' });
    expect(invalid.status).toBe(401);
    expect(invalid.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] });
    expect(invalid.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('keeps mailboxes apart per user', async () => {
    const bob = await s.call('GET', '/gmail/v1/users/me/profile', { token: 'tok-bob' });
    expect(bob.json.emailAddress).toBe('bob@acme.test');
    const alicesFirst = (await s.call('GET', '/gmail/v1/users/me/messages?maxResults=1')).json.messages[0].id;
    expect((await s.call('GET', `/gmail/v1/users/me/messages/${alicesFirst}`, { token: 'tok-bob' })).status).toBe(404);
  });
  it('lists system and user labels, and changes a message\'s or a whole thread\'s labels', async () => {
    const labels = (await s.call('GET', '/gmail/v1/users/me/labels')).json.labels as Array<{ id: string; name: string; type: string }>;
    expect(labels).toEqual(expect.arrayContaining([{ id: 'INBOX', name: 'INBOX', type: 'system' }, expect.objectContaining({ id: 'Label_1', name: 'Receipts', type: 'user' })]));
    const inbox = (await s.call('GET', '/gmail/v1/users/me/messages?labelIds=INBOX&maxResults=50')).json.messages as Array<{ id: string; threadId: string }>;
    const one = inbox[0]!;
    const archived = await s.call('POST', `/gmail/v1/users/me/messages/${one.id}/modify`, { body: { removeLabelIds: ['INBOX', 'UNREAD'], addLabelIds: ['Label_1'] } });
    expect(archived.status).toBe(200);
    expect(archived.json).toMatchObject({ id: one.id, threadId: one.threadId });
    expect(archived.json.labelIds).toContain('Label_1');
    expect(archived.json.labelIds).not.toContain('INBOX');
    const stillInInbox = (await s.call('GET', '/gmail/v1/users/me/messages?labelIds=INBOX&maxResults=50')).json.messages.map((m: { id: string }) => m.id);
    expect(stillInInbox).not.toContain(one.id);
    const receipts = (await s.call('GET', '/gmail/v1/users/me/labels')).json.labels.find((l: { id: string }) => l.id === 'Label_1');
    expect(receipts.messagesTotal).toBeGreaterThanOrEqual(1);

    const thread = inbox.find((m) => inbox.filter((x) => x.threadId === m.threadId).length > 1) ?? inbox[1]!;
    const starred = await s.call('POST', `/gmail/v1/users/me/threads/${thread.threadId}/modify`, { body: { addLabelIds: ['STARRED'] } });
    expect(starred.json).toMatchObject({ id: thread.threadId, historyId: expect.any(String) });
    for (const message of starred.json.messages) expect(message.labelIds).toContain('STARRED');
    expect(s.mock.state.gmail.modified.map((m) => m.kind)).toEqual(['message', 'thread']);

    expect((await s.call('POST', `/gmail/v1/users/me/messages/${one.id}/modify`, { body: { addLabelIds: ['Label_404'] } })).json).toMatchObject({ error: { code: 400, message: 'Invalid label: Label_404', status: 'INVALID_ARGUMENT' } });
    expect((await s.call('POST', `/gmail/v1/users/me/messages/${one.id}/modify`, { body: { addLabelIds: ['SENT'] } })).status).toBe(400);
    expect((await s.call('POST', `/gmail/v1/users/me/messages/${one.id}/modify`, { body: {} })).json.error.message).toBe('No label add or removes specified');
    expect((await s.call('POST', '/gmail/v1/users/me/threads/ffffffffffffffff/modify', { body: { addLabelIds: ['STARRED'] } })).status).toBe(404);
  });

  it('keeps a reply sent with threadId and In-Reply-To in the original thread', async () => {
    const original = (await s.call('GET', '/gmail/v1/users/me/messages?maxResults=1')).json.messages[0];
    const raw = b64url('To: bob@example.test\r\nIn-Reply-To: <x@y>\r\nReferences: <x@y>\r\nSubject: Re: hi\r\n\r\nThanks');
    const sent = await s.call('POST', '/gmail/v1/users/me/messages/send', { body: { raw, threadId: original.threadId } });
    expect(sent.json.threadId).toBe(original.threadId);
    const stored = await s.call('GET', `/gmail/v1/users/me/messages/${sent.json.id}?format=metadata&metadataHeaders=In-Reply-To`);
    expect(stored.json.payload.headers).toEqual([{ name: 'In-Reply-To', value: '<x@y>' }]);
  });
});
