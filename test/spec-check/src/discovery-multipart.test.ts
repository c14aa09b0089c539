import { describe, expect, it } from 'vitest';
import { coreCatalog } from './core-catalog.ts';

const UPLOAD = 'https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart&fields=id,name';
const multipart = (metadata: string, firstType = 'application/json; charset=UTF-8') =>
  ['--b0', `Content-Type: ${firstType}`, '', metadata, '--b0', 'Content-Type: text/plain; charset=UTF-8', '', 'Hello', '--b0--', ''].join('\r\n');

describe('Google multipart uploads are checked by their JSON metadata part', () => {
  it('accepts drive.files.create with a File resource as the first part', () => {
    expect(coreCatalog.check('google_drive', { method: 'POST', url: UPLOAD, body: multipart('{"name":"Notes","mimeType":"application/vnd.google-apps.document","parents":["1abc"]}'), contentType: 'multipart/related; boundary=b0' }))
      .toEqual({ ok: true, operation: 'drive.files.create', problems: [] });
  });

  it('flags an unknown File field, a first part that is not JSON metadata, and a missing boundary', () => {
    const unknown = coreCatalog.check('google_drive', { method: 'POST', url: UPLOAD, body: multipart('{"name":"Notes","folder":"1abc"}'), contentType: 'multipart/related; boundary=b0' });
    expect(unknown.ok).toBe(false);
    expect(unknown.problems.join(' ')).toContain('folder');
    const mediaFirst = coreCatalog.check('google_drive', { method: 'POST', url: UPLOAD, body: multipart('Hello', 'text/plain'), contentType: 'multipart/related; boundary=b0' });
    expect(mediaFirst.problems).toEqual(['the first part of a multipart upload must be the JSON metadata (Content-Type: application/json)']);
    const noBoundary = coreCatalog.check('google_drive', { method: 'POST', url: UPLOAD, body: multipart('{"name":"x"}'), contentType: 'text/plain' });
    expect(noBoundary.ok).toBe(false);
  });

  it('leaves media uploads (uploadType=media) unchecked as before', () => {
    expect(coreCatalog.check('google_drive', { method: 'POST', url: 'https://www.googleapis.com/upload/drive/v3/files?uploadType=media', body: 'raw bytes', contentType: 'text/plain' }).ok).toBe(true);
  });
});
