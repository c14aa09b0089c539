import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;
const FILES = '/drive/v3/files';
const DOC = 'application/vnd.google-apps.document';
const SHEET = 'application/vnd.google-apps.spreadsheet';
const FOLDER = 'application/vnd.google-apps.folder';

describe('Google Drive mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());
  const list = (query: Record<string, string>) => s.call('GET', `${FILES}?${new URLSearchParams(query)}`);
  const raw = (method: string, path: string, body: string, contentType: string) =>
    fetch(`${s.origin}${path}`, { method, headers: { authorization: 'Bearer tok-alice', 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, json: await r.json() as any }));

  it('lists files as a FileList with Drive v3\'s default fields, hiding the trash', async () => {
    const r = await list({});
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ kind: 'drive#fileList', incompleteSearch: false, files: expect.any(Array) });
    for (const file of r.json.files) expect(Object.keys(file).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const names = r.json.files.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Projects', 'Finance', 'Q3 planning notes', 'Budget 2026', 'Board deck', 'todo.md', 'Invoice-1042.pdf']));
    expect(names).not.toContain('Old draft');
  });

  it('searches with q, orders, pages and returns only the requested fields', async () => {
    const sheets = await list({ q: `mimeType = '${SHEET}' and trashed = false`, fields: 'files(id,name,owners(emailAddress))' });
    expect(sheets.json).toEqual({ files: [{ id: expect.stringMatching(/^1[A-Za-z0-9]{43}$/), name: 'Budget 2026', owners: [{ emailAddress: 'alice@acme.test' }] }] });
    const text = await list({ q: "fullText contains 'hire two' and trashed = false", fields: 'files(name)' });
    expect(text.json.files).toEqual([{ name: 'Q3 planning notes' }]);
    const quoted = await list({ q: "name contains 'it\\'s' or name contains 'todo'", fields: 'files(name)' });
    expect(quoted.json.files).toEqual([{ name: 'todo.md' }]);
    const projects = (await list({ q: `mimeType = '${FOLDER}' and name = 'Projects'` })).json.files[0];
    const inside = await list({ q: `'${projects.id}' in parents`, orderBy: 'name', fields: 'files(name,parents)' });
    expect(inside.json.files.map((f: { name: string }) => f.name)).toEqual(['Board deck', 'Q3 planning notes']);
    const trash = await list({ q: 'trashed = true', fields: 'files(name,trashed)' });
    expect(trash.json.files).toEqual([{ name: 'Old draft', trashed: true }]);
    const newest = await list({ orderBy: 'modifiedTime desc', pageSize: '3', fields: 'nextPageToken,files(modifiedTime)' });
    const times = newest.json.files.map((f: { modifiedTime: string }) => f.modifiedTime);
    expect(times).toEqual([...times].sort().reverse());
    const more = await list({ orderBy: 'modifiedTime desc', pageSize: '3', pageToken: newest.json.nextPageToken, fields: 'files(modifiedTime)' });
    expect(more.json.files[0].modifiedTime <= times[2]).toBe(true);
    // Drive's own answer to orderBy with fullText (seen in the wild, e.g. n8n-io/n8n#4874).
    expect((await list({ q: "fullText contains 'x'", orderBy: 'name' })).json).toMatchObject({ error: { code: 403, message: expect.stringContaining('Sorting is not supported for queries with fullText terms'), errors: [{ reason: 'forbidden', location: 'orderBy' }] } });
    expect((await list({ q: "name contians 'x'" })).json).toMatchObject({ error: { code: 400, message: 'Invalid Value', errors: [{ reason: 'invalid', location: 'q' }] } });
    expect((await list({ pageToken: 'bogus' })).status).toBe(400);
  });

  it('gets metadata, exports Docs Editors files as text and downloads text files', async () => {
    const all = (await list({ fields: 'files(id,name,mimeType)' })).json.files as Array<{ id: string; name: string; mimeType: string }>;
    const byName = (name: string) => all.find((f) => f.name === name)!;
    const doc = byName('Q3 planning notes');
    const meta = await s.call('GET', `${FILES}/${doc.id}?fields=id,name,mimeType,description,webViewLink,owners(displayName),lastModifyingUser(emailAddress),shared`);
    expect(meta.json).toMatchObject({ id: doc.id, mimeType: DOC, description: 'Goals and owners for Q3', webViewLink: `https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`, shared: true, lastModifyingUser: { emailAddress: expect.stringMatching(/@acme\.test$/) } });
    const text = await s.call('GET', `${FILES}/${doc.id}/export?mimeType=text/plain`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    // The answer starts with a byte order mark, which fetch's text() drops as a UTF-8 decoder does.
    expect(text.text).toMatch(/^Q3 planning notes\r\n/);
    const csv = await s.call('GET', `${FILES}/${byName('Budget 2026').id}/export?mimeType=text/csv`);
    expect(csv.text.split('\r\n')[0]).toBe('Item,Q1,Q2,Q3');
    expect((await s.call('GET', `${FILES}/${doc.id}/export?mimeType=text/csv`)).json).toMatchObject({ error: { code: 400, message: 'The requested conversion is not supported.' } });
    expect((await s.call('GET', `${FILES}/${byName('Invoice-1042.pdf').id}/export?mimeType=text/plain`)).json).toMatchObject({ error: { code: 403, errors: [{ reason: 'fileNotExportable' }] } });
    expect((await s.call('GET', `${FILES}/${doc.id}?alt=media`)).json).toMatchObject({ error: { code: 403, errors: [{ reason: 'fileNotDownloadable' }] } });
    const md = await s.call('GET', `${FILES}/${byName('todo.md').id}?alt=media`);
    expect(md.text).toContain('- [ ] call the bank');
    expect((await s.call('GET', `${FILES}/1nope?fields=id`)).json).toEqual({ error: { code: 404, message: 'File not found: 1nope.', errors: [{ message: 'File not found: 1nope.', domain: 'global', reason: 'notFound', location: 'fileId', locationType: 'parameter' }] } });
  });

  it('creates folders by metadata and converts multipart text uploads into Docs', async () => {
    const folder = await s.call('POST', `${FILES}?fields=id,name,mimeType,parents`, { body: { name: 'Invoices 2026', mimeType: FOLDER } });
    expect(folder.json).toMatchObject({ name: 'Invoices 2026', mimeType: FOLDER, parents: [expect.stringMatching(/^0A/)] });
    const boundary = 'b0undary';
    const body = [`--${boundary}`, 'Content-Type: application/json; charset=UTF-8', '', JSON.stringify({ name: 'Notes', mimeType: DOC, parents: [folder.json.id] }), `--${boundary}`, 'Content-Type: text/plain; charset=UTF-8', '', 'Hello Drive', `--${boundary}--`, ''].join('\r\n');
    const doc = await raw('POST', '/upload/drive/v3/files?uploadType=multipart&fields=id,name,mimeType,parents,webViewLink', body, `multipart/related; boundary=${boundary}`);
    expect(doc.status).toBe(200);
    expect(doc.json).toMatchObject({ name: 'Notes', mimeType: DOC, parents: [folder.json.id], webViewLink: expect.stringContaining('docs.google.com/document/d/') });
    expect((await s.call('GET', `${FILES}/${doc.json.id}/export?mimeType=text/plain`)).text).toBe('Hello Drive');
    expect(s.mock.state.google_drive.created.map((c) => c.file.name).slice(-2)).toEqual(['Invoices 2026', 'Notes']);
    const csvIntoDoc = body.replace('text/plain; charset=UTF-8', 'text/csv');
    expect((await raw('POST', '/upload/drive/v3/files?uploadType=multipart', csvIntoDoc, `multipart/related; boundary=${boundary}`)).json).toMatchObject({ error: { code: 400, message: 'The requested conversion is not supported.' } });
    expect((await s.call('POST', FILES, { body: { name: 'x', parents: ['1missing'] } })).status).toBe(404);
  });

  it('answers Google\'s 401 without a valid token', async () => {
    const r = await s.call('GET', FILES, { token: null });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});
