import { describe, expect, it } from 'vitest';
import { gmailMessageContent, type GmailPart } from './gmail-message.ts';
import { addressesIn, replySubject } from './gmail-addresses.ts';
import { buildRfc2822Message } from './rfc2822-message.ts';
import { decodeHtmlEntities, htmlToText, truncate } from '../../tools/kit/text.ts';

const b64url = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding).toString('base64url');

describe('RFC 2822 messages for gmail_send_email', () => {
  it('builds a plain-text UTF-8 message with encoded subject and base64 body', () => {
    const raw = buildRfc2822Message({ to: ['bob@example.com', 'eve@example.com'], cc: ['carol@example.com'], bcc: ['dan@example.com'], subject: 'Grüße — Q3', body: 'Hallo Bob,\nbis bald.' });
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')).toEqual([
      'To: bob@example.com, eve@example.com',
      'Cc: carol@example.com',
      'Bcc: dan@example.com',
      `Subject: =?UTF-8?B?${Buffer.from('Grüße — Q3').toString('base64')}?=`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: base64',
    ]);
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Hallo Bob,\r\nbis bald.');
    expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
  });

  it('keeps header values on one line (no header injection)', () => {
    const raw = buildRfc2822Message({ to: ['bob@example.com'], subject: 'Hi\r\nBcc: victim@example.com', body: 'x' });
    expect(raw.split('\r\n\r\n')[0]!.split('\r\n').filter((l) => l.startsWith('Bcc:'))).toEqual([]);
    expect(raw).toContain('Subject: Hi Bcc: victim@example.com');
  });

  it('splits long non-ASCII subjects into encoded words that fit a line', () => {
    const subject = 'é'.repeat(100);
    const line = buildRfc2822Message({ to: ['a@b.co'], subject, body: '' }).split('\r\n').filter((l) => l.startsWith('Subject:') || l.startsWith(' =?'));
    expect(line.length).toBeGreaterThan(1);
    expect(line.every((l) => l.length <= 78)).toBe(true);
    const decoded = line.map((l) => /=\?UTF-8\?B\?([^?]*)\?=/.exec(l)![1]!).map((w) => Buffer.from(w, 'base64').toString('utf8')).join('');
    expect(decoded).toBe(subject);
  });
});

describe('reading Gmail messages', () => {
  it('prefers text/plain parts, decodes their charset, lists attachments without content', () => {
    const payload: GmailPart = {
      mimeType: 'multipart/mixed',
      parts: [
        { mimeType: 'multipart/alternative', parts: [
          { mimeType: 'text/plain', headers: [{ name: 'Content-Type', value: 'text/plain; charset="ISO-8859-1"' }], body: { data: b64url('Caf\xe9 au lait', 'latin1') } },
          { mimeType: 'text/html', body: { data: b64url('<p>Café</p>') } },
        ] },
        { mimeType: 'application/pdf', filename: 'r.pdf', headers: [{ name: 'Content-Disposition', value: 'attachment; filename="r.pdf"' }], body: { attachmentId: 'A1', size: 2048 } },
      ],
    };
    expect(gmailMessageContent({ id: '1', threadId: '1', payload })).toEqual({ text: 'Café au lait', attachments: [{ filename: 'r.pdf', mimeType: 'application/pdf', size: 2048 }] });
  });

  it('falls back to the HTML part as text', () => {
    const payload: GmailPart = { mimeType: 'text/html', body: { data: b64url('<style>p{}</style><h1>News</h1><p>One &amp; two<br>three</p><script>x()</script>') } };
    expect(gmailMessageContent({ id: '1', threadId: '1', payload }).text).toBe('News\nOne & two\nthree');
  });

  it('text helpers', () => {
    expect(decodeHtmlEntities('It&#39;s &quot;ok&quot; &#x263A; &unknown;')).toBe('It\'s "ok" ☺ &unknown;');
    expect(htmlToText('<div>a</div><div>b</div>')).toBe('a\nb');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('replies', () => {
  it('carry In-Reply-To and References on one line each', () => {
    const raw = buildRfc2822Message({ to: ['ann@example.com'], subject: 'Re: x', body: 'ok', inReplyTo: '<a@b>', references: '<z@b>\r\n<a@b>' });
    const head = raw.split('\r\n\r\n')[0]!.split('\r\n');
    expect(head.slice(0, 3)).toEqual(['To: ann@example.com', 'In-Reply-To: <a@b>', 'References: <z@b> <a@b>']);
  });

  it('read addresses out of headers, skipping display names with commas', () => {
    expect(addressesIn('"Lee, Ann" <ann@example.com>, bob@example.com, Bob <BOB@example.com> (work)')).toEqual(['ann@example.com', 'bob@example.com']);
    expect(addressesIn(undefined)).toEqual([]);
  });

  it('prefix the subject with Re: once', () => {
    expect(replySubject('RE: Re: Budget')).toBe('Re: Budget');
    expect(replySubject('AW: Budget')).toBe('Re: Budget');
    expect(replySubject('Budget review')).toBe('Re: Budget review');
    expect(replySubject(undefined)).toBe('Re: ');
  });
});
