import { googleAuth, googleError } from '../google/index.ts';
import { createRouter, decodeCursor, encodeCursor, intParam, isRecord, listParam, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, seedTime, type TokenInfo } from '../../mock-api/index.ts';
import { addMessage, createMailbox, formatAddress, gmailId, messageResource, recipients, type GmailMailbox, type GmailStoredMessage } from './gmail-mailbox.ts';
import { gmailQuery } from './gmail-query.ts';
import { header, parseAddresses, parseMime, rfc2822Date } from './mime.ts';

/** A mail sent through the mock, as tests want to assert on it. */
export interface GmailSentMail {
  sub: string;
  id: string;
  threadId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html?: string;
  raw: string;
}

export interface GmailMockState {
  sent: GmailSentMail[];
  /** Label changes through messages.modify and threads.modify, in order. */
  modified: Array<{ sub: string; kind: 'message' | 'thread'; id: string; added: string[]; removed: string[] }>;
  /** The user's own labels (seeded on first use). */
  labels(sub: string): GmailUserLabel[];
  /** The user's mailbox (seeded on first use). */
  mailbox(sub: string): GmailMailbox;
}

const READ_SCOPES = ['https://mail.google.com/', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.metadata'];
const SEND_SCOPES = ['https://mail.google.com/', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/gmail.compose', 'https://www.googleapis.com/auth/gmail.send'];
const MODIFY_SCOPES = ['https://mail.google.com/', 'https://www.googleapis.com/auth/gmail.modify'];
const LABEL_SCOPES = [...READ_SCOPES, 'https://www.googleapis.com/auth/gmail.labels'];
/** System labels a client may add or remove (SENT, DRAFT and CHAT are Gmail's to set). */
const SETTABLE_SYSTEM = ['INBOX', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT', 'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS'];
const SYSTEM_LABELS = [...SETTABLE_SYSTEM, 'SENT', 'DRAFT', 'CHAT'];

export interface GmailUserLabel {
  id: string;
  name: string;
}

const FORMATS = ['full', 'metadata', 'minimal', 'raw'];
const MESSAGE_FIELDS = ['id', 'threadId', 'labelIds', 'snippet', 'historyId', 'internalDate', 'payload', 'sizeEstimate', 'raw'];

interface Call {
  token: TokenInfo;
  mailbox: GmailMailbox;
}

/** Gmail API v1 (`https://gmail.googleapis.com/gmail/v1`): messages.list/get/send/modify, threads.modify, labels.list and getProfile. */
export function createGmailMock(context: MockProviderContext): MockProvider<GmailMockState> {
  const mailboxes = new Map<string, GmailMailbox>();
  const mailbox = (sub: string): GmailMailbox => {
    let box = mailboxes.get(sub);
    if (!box) mailboxes.set(sub, (box = createMailbox(context.seed, sub, seedTime(context))));
    return box;
  };
  const userLabels = new Map<string, GmailUserLabel[]>();
  const labels = (sub: string): GmailUserLabel[] => {
    let list = userLabels.get(sub);
    if (!list) userLabels.set(sub, (list = [{ id: 'Label_1', name: 'Receipts' }, { id: 'Label_2', name: 'Clients/Acme' }, { id: 'Label_3', name: 'Travel' }]));
    return list;
  };
  const state: GmailMockState = { sent: [], modified: [], mailbox, labels };
  const router = createRouter<Call>();

  router.add('GET', '/v1/users/:userId/messages', (request, _params, { mailbox: box }) => {
    const q = request.query.get('q') ?? '';
    const query = gmailQuery(q, context.now().getTime());
    const includeSpamTrash = request.query.get('includeSpamTrash') === 'true' || query.mentionsSpamOrTrash;
    const labelIds = listParam(request.query, 'labelIds');
    const maxResults = intParam(request.query.get('maxResults'), 100, 1, 500);
    const offset = decodeCursor('gmail', request.query.get('pageToken'));
    if (offset === undefined) return googleError(400, 'Invalid pageToken');
    const matching = box.messages.filter((m) =>
      (includeSpamTrash || labelIds.includes('SPAM') || labelIds.includes('TRASH') || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH'))
      && labelIds.every((l) => m.labelIds.includes(l))
      && query.matches(m));
    const page = matching.slice(offset, offset + maxResults);
    const body: Record<string, unknown> = {};
    // Gmail leaves `messages` out entirely when nothing matches.
    if (page.length > 0) body.messages = page.map((m) => ({ id: m.id, threadId: m.threadId }));
    if (offset + maxResults < matching.length) body.nextPageToken = encodeCursor('gmail', offset + maxResults);
    body.resultSizeEstimate = matching.length;
    return { status: 200, body };
  });

  router.add('GET', '/v1/users/:userId/messages/:id', (request, params, { mailbox: box }) => {
    const format = request.query.get('format') ?? 'full';
    if (!FORMATS.includes(format)) return googleError(400, `Invalid value at 'format' (type.googleapis.com/google.apps.gmail.v1.GetMessageRequest.Format), "${format}"`);
    const id = params.id ?? '';
    if (!/^[0-9a-f]{16}$/.test(id)) return googleError(400, 'Invalid id value');
    const message = box.messages.find((m) => m.id === id);
    if (!message) return googleError(404, 'Requested entity was not found.');
    return { status: 200, body: messageResource(message, format, listParam(request.query, 'metadataHeaders')) };
  });

  router.add('POST', '/v1/users/:userId/messages/send', (request, _params, { token, mailbox: box }) => send(request, token, box));

  router.add('GET', '/v1/users/:userId/profile', (_request, _params, { mailbox: box }) => {
    const visible = box.messages.filter((m) => !m.labelIds.includes('SPAM') && !m.labelIds.includes('TRASH'));
    return { status: 200, body: {
      emailAddress: box.user.email,
      messagesTotal: visible.length,
      threadsTotal: new Set(visible.map((m) => m.threadId)).size,
      historyId: String(box.nextHistoryId - 1),
    } };
  });

  router.add('GET', '/v1/users/:userId/labels', (_request, _params, { token, mailbox: box }) => {
    const count = (id: string) => {
      const withLabel = box.messages.filter((m) => m.labelIds.includes(id));
      return { messagesTotal: withLabel.length, messagesUnread: withLabel.filter((m) => m.labelIds.includes('UNREAD')).length, threadsTotal: new Set(withLabel.map((m) => m.threadId)).size };
    };
    return { status: 200, body: { labels: [
      ...SYSTEM_LABELS.map((id) => ({ id, name: id, type: 'system', ...(id.startsWith('CATEGORY_') || id === 'CHAT' ? { messageListVisibility: 'hide', labelListVisibility: 'labelHide' } : {}) })),
      ...labels(token.sub).map((l) => ({ id: l.id, name: l.name, type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow', ...count(l.id) })),
    ] } };
  });
  router.add('POST', '/v1/users/:userId/messages/:id/modify', (request, params, { token, mailbox: box }) => {
    const message = box.messages.find((m) => m.id === params.id);
    if (!message) return googleError(404, 'Requested entity was not found.');
    const change = labelChange(request, token.sub);
    if ('response' in change) return change.response;
    apply([message], change);
    state.modified.push({ sub: token.sub, kind: 'message', id: message.id, ...change });
    return { status: 200, body: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } };
  });
  router.add('POST', '/v1/users/:userId/threads/:id/modify', (request, params, { token, mailbox: box }) => {
    const thread = box.messages.filter((m) => m.threadId === params.id).sort((a, b) => a.internalDate - b.internalDate);
    if (thread.length === 0) return googleError(404, 'Requested entity was not found.');
    const change = labelChange(request, token.sub);
    if ('response' in change) return change.response;
    apply(thread, change);
    state.modified.push({ sub: token.sub, kind: 'thread', id: params.id!, ...change });
    return { status: 200, body: { id: params.id, historyId: String(box.nextHistoryId++), messages: thread.map((m) => ({ id: m.id, threadId: m.threadId, labelIds: m.labelIds })) } };
  });

  /** A ModifyMessageRequest / ModifyThreadRequest, checked as Gmail does (known ids, settable system labels). */
  function labelChange(request: MockRequest, sub: string): { added: string[]; removed: string[] } | { response: MockResponse } {
    if (request.bodyError || !isRecord(request.body)) return { response: googleError(400, `Invalid JSON payload received. ${request.bodyError ?? ''}`.trim()) };
    const unknown = Object.keys(request.body).find((key) => key !== 'addLabelIds' && key !== 'removeLabelIds');
    if (unknown) return { response: googleError(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`) };
    const lists = { added: request.body.addLabelIds ?? [], removed: request.body.removeLabelIds ?? [] };
    if (!Array.isArray(lists.added) || !Array.isArray(lists.removed)) return { response: googleError(400, 'Invalid JSON payload received.') };
    if (lists.added.length === 0 && lists.removed.length === 0) return { response: googleError(400, 'No label add or removes specified') };
    const own = labels(sub).map((l) => l.id);
    for (const id of [...lists.added, ...lists.removed]) {
      if (typeof id !== 'string' || (!SYSTEM_LABELS.includes(id) && !own.includes(id))) return { response: googleError(400, `Invalid label: ${String(id)}`) };
      if (SYSTEM_LABELS.includes(id) && !SETTABLE_SYSTEM.includes(id)) return { response: googleError(400, `Invalid label: ${id}`) };
    }
    return { added: lists.added as string[], removed: lists.removed as string[] };
  }

  function apply(messages: GmailStoredMessage[], change: { added: string[]; removed: string[] }): void {
    for (const message of messages) {
      message.labelIds = [...message.labelIds.filter((id) => !change.removed.includes(id)), ...change.added.filter((id) => !message.labelIds.includes(id))];
    }
  }

  function send(request: MockRequest, token: TokenInfo, box: GmailMailbox): MockResponse {
    if (request.bodyError) return googleError(400, `Invalid JSON payload received. ${request.bodyError}`);
    const body = isRecord(request.body) ? request.body : {};
    // Gmail's JSON parser rejects fields the Message resource does not have.
    const unknown = Object.keys(body).find((key) => !MESSAGE_FIELDS.includes(key));
    if (unknown) return googleError(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
    if (typeof body.raw !== 'string' || body.raw === '') {
      return googleError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    }
    // Gmail accepts base64url and, in practice, padded standard base64 too.
    const mime = parseMime(Buffer.from(body.raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    const to = recipients(mime);
    if (to.length === 0) return googleError(400, 'Recipient address required');
    const now = context.now();
    const id = gmailId(now.getTime(), box.random);
    const requestedThread = typeof body.threadId === 'string' ? body.threadId : undefined;
    const threadId = requestedThread && box.messages.some((m) => m.threadId === requestedThread) ? requestedThread : id;
    // Gmail always sends as the authenticated user and stamps Date and Message-ID when missing.
    // MIME structure headers are regenerated when the message is stored.
    const headers = mime.headers.filter((h) => !['from', 'mime-version', 'content-type', 'content-transfer-encoding'].includes(h.name.toLowerCase()));
    headers.unshift({ name: 'From', value: formatAddress(box.user) });
    if (!header(headers, 'date')) headers.push({ name: 'Date', value: rfc2822Date(now) });
    if (!header(headers, 'message-id')) headers.push({ name: 'Message-ID', value: `<${box.random.hex(24)}@mail.gmail.com>` });
    const toSelf = to.includes(box.user.email.toLowerCase());
    const labelIds = toSelf ? ['UNREAD', 'SENT', 'INBOX'] : ['SENT'];
    const stored: GmailStoredMessage = addMessage(box, { id, threadId, labelIds, internalDate: now.getTime(), mime: { ...mime, headers } });
    state.sent.push({
      sub: token.sub, id, threadId,
      from: box.user.email,
      to: recipientsOf(headers, 'to'), cc: recipientsOf(headers, 'cc'), bcc: recipientsOf(headers, 'bcc'),
      subject: header(headers, 'subject') ?? '',
      text: mime.text,
      ...(mime.html !== undefined ? { html: mime.html } : {}),
      raw: stored.raw,
    });
    return { status: 200, body: { id, threadId, labelIds } };
  }

  return {
    state,
    failure: (status) => googleError(status, undefined, status === 429 ? { reason: 'rateLimitExceeded' } : {}),
    async handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'not_found') return { response: { status: 404, text: notFoundPage(request.path), headers: { 'content-type': 'text/html; charset=UTF-8' } } };
      if (match.kind === 'method_not_allowed') return { response: { status: 405, text: notFoundPage(request.path), headers: { 'content-type': 'text/html; charset=UTF-8' } } };
      const scopes = request.path.endsWith('/send') ? SEND_SCOPES : request.path.endsWith('/modify') ? MODIFY_SCOPES : request.path.endsWith('/labels') ? LABEL_SCOPES : READ_SCOPES;
      const auth = await googleAuth(request, context, scopes);
      if ('response' in auth) return auth;
      const box = mailbox(auth.token.sub);
      const userId = match.params.userId ?? '';
      if (userId !== 'me' && userId.toLowerCase() !== box.user.email.toLowerCase()) {
        return { response: googleError(403, `Delegation denied for ${box.user.email}`, { reason: 'forbidden' }), sub: auth.token.sub };
      }
      return { response: await match.handler(request, match.params, { token: auth.token, mailbox: box }), sub: auth.token.sub };
    },
  };
}

function recipientsOf(headers: Array<{ name: string; value: string }>, name: string): string[] {
  return parseAddresses(header(headers, name));
}

/** Google's front end answers unknown paths with an HTML 404 page, not JSON. */
function notFoundPage(path: string): string {
  return `<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Error 404 (Not Found)!!1</title><p><b>404.</b> <ins>That’s an error.</ins><p>The requested URL <code>${path.replace(/[<>&"]/g, '')}</code> was not found on this server. <ins>That’s all we know.</ins>`;
}
