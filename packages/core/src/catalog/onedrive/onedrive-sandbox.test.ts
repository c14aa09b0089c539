import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real OneDrive definition connected offline to the sandbox, its tools on the Graph mock. */
describe('onedrive against the sandbox', () => {
  let tb: ToolsTestbed;
  beforeAll(async () => {
    tb = await createToolsTestbed('sqlite');
  });
  afterAll(() => tb.close());

  it('connects, lists, searches, reads a text file and uploads one without overwriting', async () => {
    await tb.connect('onedrive', 'u1', 'alice');
    const execute = <T>(tool: string, input: unknown) => tb.ob.tools.execute<T>({ identifier: 'u1', tool, input, connection: 'onedrive' }).then((r) => r.data);
    const top = await execute<{ items: Array<{ id: string; name: string; kind: string }> }>('onedrive_list_folder', {});
    expect(top.items.map((i) => `${i.kind}:${i.name}`)).toEqual(['folder:Finance', 'file:Budget notes.md']);
    const inFinance = await execute<{ items: Array<{ name: string; folder: string }> }>('onedrive_list_folder', { folderId: top.items[0]!.id });
    expect(inFinance.items).toMatchObject([{ name: 'Budget 2025.xlsx', folder: '/Finance' }]);

    const found = await execute<{ items: Array<{ id: string; name: string }> }>('onedrive_search_files', { query: 'budget notes' });
    expect(found.items.map((i) => i.name)).toEqual(['Budget notes.md']);
    const file = await execute<{ content?: string; mimeType: string }>('onedrive_get_file', { id: found.items[0]!.id });
    expect(file).toMatchObject({ mimeType: 'text/markdown', content: expect.stringContaining('travel is 12% over plan') });

    const uploaded = await execute<{ name: string; created: boolean }>('onedrive_upload_file', { name: 'agenda.md', content: '# Agenda\n', mimeType: 'text/markdown' });
    expect(uploaded).toMatchObject({ name: 'agenda.md', created: true });
    expect(tb.mocks.state.onedrive.uploads.at(-1)).toMatchObject({ name: 'agenda.md', content: '# Agenda\n' });
    // The same name again fails instead of replacing the file (conflictBehavior=fail)…
    await expect(execute('onedrive_upload_file', { name: 'agenda.md', content: 'other' })).rejects.toMatchObject({ code: 'PROVIDER_API_ERROR', details: { status: 409, providerCode: 'nameAlreadyExists' } });
    // …unless replace is asked for.
    expect(await execute('onedrive_upload_file', { name: 'agenda.md', content: 'v2', replace: true })).toMatchObject({ created: false });
  });
});
