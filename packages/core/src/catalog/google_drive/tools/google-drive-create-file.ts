import { z } from 'zod';
import { providerApiError } from '../../../api-client/index.ts';
import { defineTool } from '../../../tools/index.ts';
import { compactFile, FILES, GOOGLE_TYPES, type DriveFile } from '../drive-file.ts';
import { driveMultipart } from '../drive-multipart.ts';

const FIELDS = 'id,name,mimeType,webViewLink,parents';

/** For each kind: the file's Drive type and the type its text content is uploaded as (Drive converts it). */
const KINDS = {
  document: { mimeType: GOOGLE_TYPES.document, upload: 'text/plain' },
  spreadsheet: { mimeType: GOOGLE_TYPES.spreadsheet, upload: 'text/csv' },
  text: { mimeType: 'text/plain', upload: 'text/plain' },
  markdown: { mimeType: 'text/markdown', upload: 'text/markdown' },
  csv: { mimeType: 'text/csv', upload: 'text/csv' },
} as const;

export const googleDriveCreateFile = defineTool({
  name: 'google_drive_create_file',
  provider: 'google_drive',
  writes: true,
  description: 'Create a file or folder in the user\'s Google Drive: a folder, a Google Doc from plain text, a Google Sheet from CSV, or a plain text / Markdown / CSV file. Returns its id and link.',
  scopes: ['https://www.googleapis.com/auth/drive.file'],
  input: z.object({
    name: z.string().trim().min(1).max(255).describe('File or folder name.'),
    kind: z.enum(['folder', 'document', 'spreadsheet', 'text', 'markdown', 'csv']).describe('folder; document (Google Doc); spreadsheet (Google Sheet); text, markdown or csv (a plain file).'),
    content: z.string().max(1_000_000).optional().describe('The content: plain text for a document, CSV rows for a spreadsheet, the file\'s text otherwise. Not for folders.'),
    folderId: z.string().trim().max(200).optional().describe('The folder to create it in; the root of My Drive by default.'),
  }).refine((input) => !(input.kind === 'folder' && input.content !== undefined), { message: 'A folder has no content', path: ['content'] }),
  async execute(input, ctx) {
    const mimeType = input.kind === 'folder' ? GOOGLE_TYPES.folder : KINDS[input.kind].mimeType;
    const metadata = { name: input.name, mimeType, ...(input.folderId ? { parents: [input.folderId] } : {}) };
    if (input.kind === 'folder' || input.content === undefined) {
      const created = await ctx.request<DriveFile>(FILES, { method: 'POST', query: { fields: FIELDS, supportsAllDrives: true }, body: metadata });
      return compactFile(created);
    }
    const upload = driveMultipart(metadata, input.content, KINDS[input.kind].upload);
    const target = `/upload${FILES}?uploadType=multipart&fields=${encodeURIComponent(FIELDS)}&supportsAllDrives=true`;
    const response = await ctx.fetch(target, { method: 'POST', headers: { 'content-type': upload.contentType, accept: 'application/json' }, body: upload.body });
    if (!response.ok) throw await providerApiError({ provider: ctx.provider, response, method: 'POST', url: new URL(response.url || target, 'http://unknown.invalid'), redact: ctx.redact });
    return compactFile((await response.json()) as DriveFile);
  },
});
