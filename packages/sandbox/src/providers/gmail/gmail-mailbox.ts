import { mockUser, type MockUser, seededRandom, type SeededRandom } from '../../mock-api/index.ts';
import { gmailSeed } from './gmail-seed.ts';
import { buildMime, header, parseAddresses, rfc2822Date, type MimeHeader, type MimeMessage } from './mime.ts';

export interface GmailStoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Epoch milliseconds. */
  internalDate: number;
  historyId: string;
  mime: MimeMessage;
  raw: string;
}

/** One user's mailbox; `messages` stays sorted newest first. */
export interface GmailMailbox {
  user: MockUser;
  messages: GmailStoredMessage[];
  nextHistoryId: number;
  random: SeededRandom;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Gmail ids are 16 hex digits that grow with time; so are ours (ms timestamp shifted + random bits). */
export function gmailId(epochMs: number, random: SeededRandom): string {
  return ((BigInt(epochMs) << 20n) | BigInt(random.int(0, 0xfffff))).toString(16).padStart(16, '0').slice(-16);
}

/** `Ann Lee <ann@x.test>` with quoting when the name needs it. */
export function formatAddress(p: { name: string; email: string }): string {
  return /^[\w .'-]*$/.test(p.name) ? `${p.name} <${p.email}>` : `"${p.name.replace(/"/g, '')}" <${p.email}>`;
}

export function createMailbox(seed: string, sub: string, now: Date): GmailMailbox {
  const user = mockUser(seed, sub);
  const random = seededRandom(seed, 'gmail', sub);
  const mailbox: GmailMailbox = { user, messages: [], nextHistoryId: 100000 + random.int(0, 800000), random };
  const threadIds = new Map<string, { id: string; messageId: string; subject: string }>();
  const mails = gmailSeed(user, random).sort((a, b) => b.minutesAgo - a.minutesAgo);
  for (const mail of mails) {
    const date = new Date(now.getTime() - mail.minutesAgo * 60_000 - random.int(0, 59_000));
    const id = gmailId(date.getTime(), random);
    const messageId = `<${random.hex(12)}.${random.digits(6)}@mail.${mail.from.email.split('@')[1] ?? 'example.test'}>`;
    const parent = threadIds.get(mail.thread);
    const headers: MimeHeader[] = [
      { name: 'Delivered-To', value: user.email },
      { name: 'Date', value: rfc2822Date(date) },
      { name: 'From', value: formatAddress(mail.from) },
      { name: 'To', value: mail.to.map(formatAddress).join(', ') },
      { name: 'Subject', value: mail.subject },
      { name: 'Message-ID', value: messageId },
    ];
    if (parent) headers.push({ name: 'In-Reply-To', value: parent.messageId }, { name: 'References', value: parent.messageId });
    const mime: MimeMessage = {
      headers,
      text: mail.text,
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      attachments: mail.attachment ? [{ filename: mail.attachment.filename, mimeType: mail.attachment.mimeType, data: Buffer.from(mail.attachment.content) }] : [],
    };
    const threadId = parent?.id ?? id;
    if (!parent) threadIds.set(mail.thread, { id, messageId, subject: mail.subject });
    addMessage(mailbox, { id, threadId, labelIds: mail.labelIds, internalDate: date.getTime(), mime });
  }
  return mailbox;
}

export function addMessage(mailbox: GmailMailbox, message: Omit<GmailStoredMessage, 'raw' | 'historyId'>): GmailStoredMessage {
  const stored: GmailStoredMessage = { ...message, historyId: String(mailbox.nextHistoryId++), raw: buildMime(message.mime, message.id) };
  mailbox.messages.push(stored);
  mailbox.messages.sort((a, b) => b.internalDate - a.internalDate);
  return stored;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Gmail snippets: the start of the plain text, whitespace collapsed, HTML-escaped. */
export function snippet(message: GmailStoredMessage): string {
  const plain = message.mime.text || (message.mime.html ?? '').replace(/<[^>]+>/g, ' ');
  const collapsed = plain.replace(/\s+/g, ' ').trim();
  const cut = collapsed.length > 140 ? collapsed.slice(0, collapsed.lastIndexOf(' ', 140) > 80 ? collapsed.lastIndexOf(' ', 140) : 140) : collapsed;
  return escapeHtml(cut);
}

interface MessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: MimeHeader[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: MessagePart[];
}

function textPart(partId: string, mimeType: 'text/plain' | 'text/html', content: string): MessagePart {
  const data = Buffer.from(content, 'utf8');
  return {
    partId, mimeType, filename: '',
    headers: [{ name: 'Content-Type', value: `${mimeType}; charset="UTF-8"` }, { name: 'Content-Transfer-Encoding', value: 'base64' }],
    body: { size: data.length, data: b64url(data) },
  };
}

/** The `payload` of a `format=full` message: the MIME tree with base64url bodies, as Gmail returns it. */
export function fullPayload(message: GmailStoredMessage): MessagePart {
  const { mime } = message;
  const topHeaders = (contentType: string): MimeHeader[] => [...mime.headers, { name: 'MIME-Version', value: '1.0' }, { name: 'Content-Type', value: contentType }];
  const bodyTree = (prefix: string): MessagePart => {
    if (mime.html === undefined) return textPart(prefix === '' ? '' : prefix, 'text/plain', mime.text);
    const id = (n: number) => (prefix === '' ? String(n) : `${prefix}.${n}`);
    return {
      partId: prefix, mimeType: 'multipart/alternative', filename: '',
      headers: [{ name: 'Content-Type', value: `multipart/alternative; boundary="alt-${message.id}"` }],
      body: { size: 0 },
      parts: [textPart(id(0), 'text/plain', mime.text), textPart(id(1), 'text/html', mime.html)],
    };
  };
  if (mime.attachments.length === 0) {
    const tree = bodyTree('');
    return { ...tree, headers: topHeaders(tree.headers[0]?.value ?? 'text/plain') };
  }
  const attachments: MessagePart[] = mime.attachments.map((a, i) => ({
    partId: String(i + 1), mimeType: a.mimeType, filename: a.filename,
    headers: [
      { name: 'Content-Type', value: `${a.mimeType}; name="${a.filename}"` },
      { name: 'Content-Disposition', value: `attachment; filename="${a.filename}"` },
      { name: 'Content-Transfer-Encoding', value: 'base64' },
    ],
    body: { attachmentId: `ANGjdJ${b64url(`${message.id}:${i}`)}`, size: a.data.length },
  }));
  return {
    partId: '', mimeType: 'multipart/mixed', filename: '',
    headers: topHeaders(`multipart/mixed; boundary="mixed-${message.id}"`),
    body: { size: 0 },
    parts: [bodyTree('0'), ...attachments],
  };
}

/** The `Message` resource in the requested format (full, metadata, minimal or raw). */
export function messageResource(message: GmailStoredMessage, format: string, metadataHeaders: string[]): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    snippet: snippet(message),
  };
  const tail = { sizeEstimate: Buffer.byteLength(message.raw), historyId: message.historyId, internalDate: String(message.internalDate) };
  if (format === 'minimal') return { ...base, ...tail };
  if (format === 'raw') return { ...base, ...tail, raw: b64url(message.raw) };
  const payload = fullPayload(message);
  if (format === 'metadata') {
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    const headers = wanted.length === 0 ? payload.headers : payload.headers.filter((h) => wanted.includes(h.name.toLowerCase()));
    return { ...base, payload: { mimeType: payload.mimeType, headers }, ...tail };
  }
  return { ...base, payload, ...tail };
}

/** Addresses a message goes to (To, Cc, Bcc), lowercased. */
export function recipients(mime: MimeMessage): string[] {
  return ['to', 'cc', 'bcc'].flatMap((name) => parseAddresses(header(mime.headers, name)));
}
