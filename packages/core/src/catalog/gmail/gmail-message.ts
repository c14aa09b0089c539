import { htmlToText } from '../../tools/index.ts';

/** The parts of Gmail's `Message` resource the tools read. */
export interface GmailHeader {
  name: string;
  value: string;
}

export interface GmailPart {
  mimeType?: string;
  filename?: string;
  headers?: GmailHeader[];
  body?: { size?: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}

export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  internalDate?: string;
  payload?: GmailPart;
}

export function gmailHeader(message: GmailMessage, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return message.payload?.headers?.find((h) => h.name.toLowerCase() === wanted)?.value;
}

function charsetOf(part: GmailPart): string {
  const type = part.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  return /charset="?([^";\s]+)"?/i.exec(type)?.[1]?.toLowerCase() ?? 'utf-8';
}

/** Gmail hands part bodies over transfer-decoded, base64url-encoded, in the part's own charset. */
function decodeBody(part: GmailPart): string {
  const bytes = Buffer.from(part.body?.data ?? '', 'base64url');
  try {
    return new TextDecoder(charsetOf(part)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function isAttachment(part: GmailPart): boolean {
  const disposition = part.headers?.find((h) => h.name.toLowerCase() === 'content-disposition')?.value ?? '';
  return Boolean(part.filename) || /^attachment/i.test(disposition) || Boolean(part.body?.attachmentId);
}

function walk(part: GmailPart | undefined, visit: (part: GmailPart) => void): void {
  if (!part) return;
  visit(part);
  for (const child of part.parts ?? []) walk(child, visit);
}

/**
 * The readable body of a `format=full` message: its text/plain parts, or its HTML turned into text
 * when there is no plain part, plus the attachments' names (their content stays at Gmail).
 */
export function gmailMessageContent(message: GmailMessage): { text: string; attachments: Array<{ filename: string; mimeType: string; size: number }> } {
  const plain: string[] = [];
  const html: string[] = [];
  const attachments: Array<{ filename: string; mimeType: string; size: number }> = [];
  walk(message.payload, (part) => {
    const type = (part.mimeType ?? '').toLowerCase();
    if (isAttachment(part)) {
      attachments.push({ filename: part.filename ?? '', mimeType: part.mimeType ?? 'application/octet-stream', size: part.body?.size ?? 0 });
    } else if (type === 'text/plain' && part.body?.data) {
      plain.push(decodeBody(part));
    } else if (type === 'text/html' && part.body?.data) {
      html.push(decodeBody(part));
    }
  });
  const text = plain.length > 0 ? plain.join('\n\n') : html.map(htmlToText).join('\n\n');
  return { text: text.replace(/\r\n/g, '\n').trim(), attachments };
}
