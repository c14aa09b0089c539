import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/**
 * The real Google Drive definition connected through the sandbox (Google's OAuth: offline access
 * with consent, the secret in the body, RFC 7009 revocation), then an agent's errand in the
 * sandbox's Drive: find the planning doc, read it and the budget sheet, write a summary Doc.
 */
describe('Google Drive through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    await bed.connect('google_drive', 'alice');
  });
  afterAll(() => bed?.close());

  const run = async <T>(tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier: 'alice', tool, input })).data as T;

  it('connected with Google\'s offline consent and refreshes', async () => {
    expect(await bed.ob.accounts.get({ connection: 'google_drive', identifier: 'alice' })).toMatchObject({ status: 'ACTIVE' });
    const [code] = bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-google_drive');
    expect(code).toMatchObject({ grantType: 'authorization_code', ok: true });
    await bed.ob.accounts.refresh({ connection: 'google_drive', identifier: 'alice' });
    expect(bed.sandbox.tokenRequests.filter((r) => r.clientId === 'sandbox-google_drive').map((r) => [r.grantType, r.ok])).toEqual([['authorization_code', true], ['refresh_token', true]]);
  });

  it('finds, reads and writes files', async () => {
    const found = await run<{ files: Array<{ id: string; name: string; type: string; link: string }> }>('google_drive_search_files', { text: 'hire two engineers' });
    expect(found.files.map((f) => [f.name, f.type])).toEqual([['Q3 planning notes', 'document']]);
    const doc = await run<{ text: string; mimeType: string }>('google_drive_read_file', { fileId: found.files[0]!.id });
    expect(doc).toMatchObject({ mimeType: 'text/plain', text: expect.stringMatching(/^Q3 planning notes\n\nGoals\n\* Ship the Drive integration/) });
    const sheets = await run<{ files: Array<{ id: string }> }>('google_drive_search_files', { type: 'spreadsheet' });
    const csv = await run<{ text: string }>('google_drive_read_file', { fileId: sheets.files[0]!.id });
    expect(csv.text.split('\n')[0]).toBe('Item,Q1,Q2,Q3');
    const pdf = (await run<{ files: Array<{ id: string }> }>('google_drive_search_files', { type: 'pdf' })).files[0]!;
    const refused = await bed.ob.tools.execute({ identifier: 'alice', tool: 'google_drive_read_file', input: { fileId: pdf.id } }).then(() => undefined, (error: unknown) => error);
    expect(refused).toMatchObject({ code: 'TOOL_INPUT_INVALID' });
    const meta = await run<{ name: string; lastModifiedBy: string; shared: boolean }>('google_drive_get_file', { fileId: found.files[0]!.id });
    expect(meta).toMatchObject({ name: 'Q3 planning notes', shared: true, lastModifiedBy: expect.stringContaining('@') });

    const folder = await run<{ id: string }>('google_drive_create_file', { name: 'Summaries', kind: 'folder' });
    const summary = await run<{ id: string; type: string; parents: string[]; link: string }>('google_drive_create_file', { name: 'Q3 summary', kind: 'document', content: 'Two goals, two owners.', folderId: folder.id });
    expect(summary).toMatchObject({ type: 'document', parents: [folder.id], link: `https://docs.google.com/document/d/${summary.id}/edit?usp=drivesdk` });
    expect((await run<{ text: string }>('google_drive_read_file', { fileId: summary.id })).text).toBe('Two goals, two owners.');
    expect(bed.mocks.state.google_drive.created.map((c) => c.file.name)).toEqual(['Summaries', 'Q3 summary']);
    const inside = await run<{ files: Array<{ id: string }> }>('google_drive_search_files', { folderId: folder.id });
    expect(inside.files.map((f) => f.id)).toEqual([summary.id]);
  });

  it('revokes at the sandbox (RFC 7009)', async () => {
    expect(await bed.ob.accounts.revoke({ connection: 'google_drive', identifier: 'alice' })).toMatchObject({ status: 'REVOKED', revokedAtProvider: true });
  });
});
