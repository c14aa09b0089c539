/** Just enough RFC 2822 / MIME to build seeded mails and read what a client sends. */

export interface MimeHeader {
  name: string;
  value: string;
}

export interface MimeAttachment {
  filename: string;
  mimeType: string;
  data: Buffer;
}

export interface MimeMessage {
  headers: MimeHeader[];
  text: string;
  html?: string;
  attachments: MimeAttachment[];
}

const CRLF = '\r\n';

export function header(headers: MimeHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Non-ASCII header values become RFC 2047 encoded-words, as mail clients send them. */
function encodeHeaderValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

/** Serialises a message the way Gmail stores it: multipart/alternative for HTML, multipart/mixed for attachments. */
export function buildMime(message: MimeMessage, boundarySeed: string): string {
  const top = message.headers.map((h) => `${h.name}: ${encodeHeaderValue(h.value)}`);
  const textPart = [`Content-Type: text/plain; charset="UTF-8"`, `Content-Transfer-Encoding: base64`, '', base64Lines(Buffer.from(message.text, 'utf8'))];
  let bodyPart: string[] = textPart;
  let bodyType = 'text/plain; charset="UTF-8"';
  if (message.html !== undefined) {
    const alt = `alt-${boundarySeed}`;
    bodyType = `multipart/alternative; boundary="${alt}"`;
    bodyPart = [
      `--${alt}`, ...textPart,
      `--${alt}`, `Content-Type: text/html; charset="UTF-8"`, `Content-Transfer-Encoding: base64`, '', base64Lines(Buffer.from(message.html, 'utf8')),
      `--${alt}--`,
    ];
  }
  if (message.attachments.length === 0) {
    // A lone text part puts its own headers at the top level.
    if (message.html === undefined) return [...top, 'MIME-Version: 1.0', ...textPart].join(CRLF);
    return [...top, 'MIME-Version: 1.0', `Content-Type: ${bodyType}`, '', ...bodyPart].join(CRLF);
  }
  const mixed = `mixed-${boundarySeed}`;
  const lines = [...top, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${mixed}"`, '', `--${mixed}`];
  lines.push(...(message.html === undefined ? textPart : [`Content-Type: ${bodyType}`, '', ...bodyPart]));
  for (const attachment of message.attachments) {
    lines.push(
      `--${mixed}`,
      `Content-Type: ${attachment.mimeType}; name="${attachment.filename}"`,
      `Content-Disposition: attachment; filename="${attachment.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(attachment.data),
    );
  }
  lines.push(`--${mixed}--`);
  return lines.join(CRLF);
}

/** RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?utf-8?Q?…?=`) → text. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_match, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1');
      return new TextDecoder(charset.toLowerCase() === 'utf8' ? 'utf-8' : charset, { fatal: false }).decode(bytes);
    });
}

function splitHead(raw: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { head: raw, body: '' };
  return { head: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) };
}

export function parseHeaders(head: string): MimeHeader[] {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const headers: MimeHeader[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: decodeEncodedWords(line.slice(colon + 1).trim()) });
  }
  return headers;
}

function contentTypeParam(contentType: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBody(body: string, transferEncoding: string | undefined): Buffer {
  const encoding = (transferEncoding ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const softBreaksRemoved = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < softBreaksRemoved.length; i++) {
      const ch = softBreaksRemoved[i] as string;
      const hex = softBreaksRemoved.slice(i + 1, i + 3);
      if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(ch, 'utf8'));
      }
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'utf8');
}

/** Parses an RFC 2822 message (as sent in Gmail's `raw`), walking nested multiparts. */
export function parseMime(raw: string): MimeMessage {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const message: MimeMessage = { headers, text: '', attachments: [] };
  collectParts(headers, body, message);
  return message;
}

function collectParts(headers: MimeHeader[], body: string, into: MimeMessage): void {
  const contentType = header(headers, 'content-type') ?? 'text/plain';
  const mimeType = contentType.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
  if (mimeType.startsWith('multipart/')) {
    const boundary = contentTypeParam(contentType, 'boundary');
    if (!boundary) return;
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const section of sections.slice(1)) {
      if (section.trim() === '') continue;
      const part = splitHead(section);
      collectParts(parseHeaders(part.head), part.body, into);
    }
    return;
  }
  const data = decodeBody(body, header(headers, 'content-transfer-encoding'));
  const disposition = header(headers, 'content-disposition') ?? '';
  const filename = contentTypeParam(disposition, 'filename') ?? contentTypeParam(contentType, 'name');
  if (filename || disposition.toLowerCase().startsWith('attachment')) {
    into.attachments.push({ filename: filename ?? 'attachment', mimeType, data });
  } else if (mimeType === 'text/html' && into.html === undefined) {
    into.html = data.toString('utf8');
  } else if (mimeType === 'text/plain' && into.text === '') {
    into.text = data.toString('utf8');
  }
}

/** `"Ann Lee" <ann@x.test>, bob@y.test` → `['ann@x.test', 'bob@y.test']`. */
export function parseAddresses(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const piece of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const angle = /<([^>]+)>/.exec(piece);
    const address = (angle ? angle[1] : piece)?.trim().replace(/^"|"$/g, '') ?? '';
    if (/^[^\s@]+@[^\s@]+$/.test(address)) out.push(address.toLowerCase());
  }
  return out;
}

/** RFC 2822 date in UTC, as Gmail's `Date` header shows it (`Tue, 14 Jan 2025 09:12:33 +0000`). */
export function rfc2822Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
