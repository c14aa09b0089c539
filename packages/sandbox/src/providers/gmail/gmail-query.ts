import { header } from './mime.ts';
import type { GmailStoredMessage } from './gmail-mailbox.ts';

/** Gmail search terms we understand, as a predicate. Unknown operators fall back to free text. */
type Predicate = (message: GmailStoredMessage) => boolean;

const DAY = 24 * 60 * 60 * 1000;
const CATEGORY: Record<string, string> = {
  primary: 'CATEGORY_PERSONAL', personal: 'CATEGORY_PERSONAL', social: 'CATEGORY_SOCIAL',
  promotions: 'CATEGORY_PROMOTIONS', updates: 'CATEGORY_UPDATES', forums: 'CATEGORY_FORUMS',
};

/** Splits a query into terms, keeping `"quoted phrases"` and `op:"quoted value"` / `op:(grouped words)` whole. */
function tokenize(q: string): string[] {
  return q.match(/-?(?:[a-zA-Z_]+:)?(?:"[^"]*"|\([^)]*\)|\S+)/g) ?? [];
}

function unquote(value: string): string {
  return value.replace(/^["(]|[")]$/g, '').trim().toLowerCase();
}

function hasLabel(message: GmailStoredMessage, label: string): boolean {
  return message.labelIds.includes(label);
}

function text(message: GmailStoredMessage, name: string): string {
  return (header(message.mime.headers, name) ?? '').toLowerCase();
}

function relative(value: string): number | undefined {
  const m = /^(\d+)([dmy])$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * (m[2] === 'd' ? DAY : m[2] === 'm' ? 30 * DAY : 365 * DAY);
}

function dateValue(value: string): number | undefined {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

function freeText(message: GmailStoredMessage, needle: string): boolean {
  const haystack = [text(message, 'subject'), text(message, 'from'), text(message, 'to'), text(message, 'cc'), message.mime.text.toLowerCase(),
    ...message.mime.attachments.map((a) => a.filename.toLowerCase())].join('\n');
  return haystack.includes(needle);
}

function term(token: string, now: number): Predicate {
  const colon = token.indexOf(':');
  const op = colon > 0 && !token.startsWith('"') ? token.slice(0, colon).toLowerCase() : '';
  const value = op ? unquote(token.slice(colon + 1)) : unquote(token);
  switch (op) {
    case 'is':
      if (value === 'unread') return (m) => hasLabel(m, 'UNREAD');
      if (value === 'read') return (m) => !hasLabel(m, 'UNREAD');
      if (value === 'starred') return (m) => hasLabel(m, 'STARRED');
      if (value === 'important') return (m) => hasLabel(m, 'IMPORTANT');
      return (m) => hasLabel(m, value.toUpperCase());
    case 'in':
      if (value === 'anywhere') return () => true;
      return (m) => hasLabel(m, value === 'drafts' ? 'DRAFT' : value.toUpperCase());
    case 'label':
      return (m) => m.labelIds.some((id) => id.toLowerCase() === value.replace(/[-/ ]/g, '_') || id.toLowerCase() === value);
    case 'category':
      return (m) => hasLabel(m, CATEGORY[value] ?? `CATEGORY_${value.toUpperCase()}`);
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
    case 'subject':
      return (m) => text(m, op).includes(value);
    case 'has':
      if (value === 'attachment') return (m) => m.mime.attachments.length > 0;
      return () => false;
    case 'filename':
      return (m) => m.mime.attachments.some((a) => a.filename.toLowerCase().includes(value));
    case 'newer_than':
    case 'older_than': {
      const span = relative(value);
      if (span === undefined) return () => false;
      return op === 'newer_than' ? (m) => m.internalDate > now - span : (m) => m.internalDate < now - span;
    }
    case 'after':
    case 'before':
    case 'newer':
    case 'older': {
      const at = dateValue(value);
      if (at === undefined) return () => false;
      return op === 'after' || op === 'newer' ? (m) => m.internalDate >= at : (m) => m.internalDate < at;
    }
    case 'rfc822msgid':
      return (m) => text(m, 'message-id').includes(value);
    default:
      return (m) => freeText(m, op ? token.toLowerCase() : value);
  }
}

/** Compiles a Gmail `q` into a predicate: terms are ANDed, `a OR b` and `-term` work. */
export function gmailQuery(q: string, now: number): { matches: Predicate; mentionsSpamOrTrash: boolean } {
  const tokens = tokenize(q);
  const clauses: Predicate[][] = [];
  let joinNext = false;
  for (const token of tokens) {
    if (token === 'OR' || token === '|') {
      joinNext = clauses.length > 0;
      continue;
    }
    if (token === 'AND') continue;
    const negate = token.startsWith('-') && token.length > 1;
    const inner = term(negate ? token.slice(1) : token, now);
    const predicate: Predicate = negate ? (m) => !inner(m) : inner;
    if (joinNext) clauses[clauses.length - 1]?.push(predicate);
    else clauses.push([predicate]);
    joinNext = false;
  }
  return {
    matches: (m) => clauses.every((alternatives) => alternatives.some((p) => p(m))),
    mentionsSpamOrTrash: /\b(in|label):(spam|trash|anywhere)\b/i.test(q),
  };
}

