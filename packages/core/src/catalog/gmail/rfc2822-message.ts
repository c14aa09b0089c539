/**
 * A plain-text RFC 2822 / MIME message for Gmail's `messages.send` (`raw`). Header values are
 * checked for line breaks (no header injection), non-ASCII subjects become RFC 2047 encoded-words,
 * and the body travels as base64 UTF-8 so any text survives.
 */
export interface PlainMessage {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
  /** The replied-to message's `Message-ID`: with `references`, what threads a reply for every mail client. */
  inReplyTo?: string;
  references?: string;
}

const CRLF = '\r\n';

function encodeWord(value: string): string {
  // ASCII-only values go as they are; the rest as UTF-8 base64 words short enough for 76-char lines.
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function buildRfc2822Message(message: PlainMessage): string {
  const headers = [`To: ${message.to.map(singleLine).join(', ')}`];
  if (message.cc?.length) headers.push(`Cc: ${message.cc.map(singleLine).join(', ')}`);
  // Gmail removes Bcc from what recipients see and delivers to it.
  if (message.bcc?.length) headers.push(`Bcc: ${message.bcc.map(singleLine).join(', ')}`);
  if (message.inReplyTo) headers.push(`In-Reply-To: ${singleLine(message.inReplyTo)}`);
  if (message.references) headers.push(`References: ${singleLine(message.references)}`);
  headers.push(
    `Subject: ${encodeWord(singleLine(message.subject))}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
  );
  const body = Buffer.from(message.body.replace(/\r?\n/g, CRLF), 'utf8').toString('base64').replace(/.{1,76}/g, (line) => `${line}${CRLF}`);
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body}`;
}
