import { createHash } from 'node:crypto';

/**
 * The `multipart/related` body of Drive's multipart upload: the file's JSON metadata, then its
 * content. The boundary is derived from the content, so the same file makes the same request
 * (recorded exchanges stay exact), and lengthened in the unlikely case the content contains it.
 */
export function driveMultipart(metadata: Record<string, unknown>, content: string, contentType: string): { body: string; contentType: string } {
  const json = JSON.stringify(metadata);
  let boundary = `onbehalf_${createHash('sha256').update(json).update('\u0000').update(content).digest('hex').slice(0, 32)}`;
  while (content.includes(boundary) || json.includes(boundary)) boundary += '_';
  const body = [
    `--${boundary}`,
    'Content-Type: application/json; charset=UTF-8',
    '',
    json,
    `--${boundary}`,
    `Content-Type: ${contentType}; charset=UTF-8`,
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { body, contentType: `multipart/related; boundary=${boundary}` };
}
