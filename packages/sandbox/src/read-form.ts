import type { IncomingMessage } from 'node:http';

const LIMIT = 64 * 1024;

/**
 * Reads an application/x-www-form-urlencoded body (what HTML forms and OAuth token requests
 * send). Other content types yield empty params rather than an error: the callers only look
 * for a few optional fields.
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT) throw new Error('request body too large');
    chunks.push(buffer);
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return new URLSearchParams();
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
