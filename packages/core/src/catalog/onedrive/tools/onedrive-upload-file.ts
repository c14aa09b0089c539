import { z } from 'zod';
import { providerApiError } from '../../../api-client/index.ts';
import { OnBehalfError } from '../../../errors.ts';
import { defineTool, path } from '../../../tools/index.ts';
import { summarizeItem, type DriveItem } from '../drive-item.ts';

/** Graph's simple upload takes up to 250 MB, but a model writes text: 1 MB bounds it. */
const MAX_BYTES = 1_000_000;

export const onedriveUploadFile = defineTool({
  name: 'onedrive_upload_file',
  provider: 'onedrive',
  writes: true,
  description: 'Create a small text file (up to 1 MB) in the user\'s OneDrive, at the top of the drive or in a folder. An existing file with the same name is kept: the upload fails unless replace is true.',
  scopes: ['Files.ReadWrite'],
  input: z.object({
    name: z.string().trim().min(1).max(255).refine((n) => !/[\\/:*?"<>|#%]/.test(n) && n !== '.' && n !== '..', 'A file name without / \\ : * ? " < > | # %').describe('File name with extension, e.g. notes.md.'),
    content: z.string().max(MAX_BYTES).describe('The file\'s text.'),
    folderId: z.string().trim().min(1).max(500).optional().describe('Id of the folder to put it in; omit for the top of the drive.'),
    mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'A MIME type like text/markdown').default('text/plain').describe('Content type, e.g. text/markdown or text/csv.'),
    replace: z.boolean().default(false).describe('Overwrite a file of the same name.'),
  }),
  async execute({ name, content, folderId, mimeType, replace }, ctx) {
    if (Buffer.byteLength(content, 'utf8') > MAX_BYTES) throw new OnBehalfError('TOOL_INPUT_INVALID', 'content is larger than 1 MB.');
    // Path addressing (`…/items/{folder}:/{name}:/content`) names the new file; the name is one
    // encoded segment between the colons.
    const parent = folderId ? path`/me/drive/items/${folderId}` : '/me/drive/root';
    const url = `${parent}:${path`/${name}`}:/content?@microsoft.graph.conflictBehavior=${replace ? 'replace' : 'fail'}`;
    const response = await ctx.fetch(url, { method: 'PUT', headers: { 'content-type': `${mimeType}; charset=utf-8`, accept: 'application/json' }, body: content });
    if (!response.ok) throw await providerApiError({ provider: ctx.provider, response, method: 'PUT', url: new URL(response.url || `https://graph.microsoft.com/v1.0${url}`), redact: ctx.redact });
    const item = (await response.json()) as DriveItem;
    return { ...summarizeItem(item), created: response.status === 201 };
  },
});
