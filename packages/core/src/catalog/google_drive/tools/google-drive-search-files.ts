import { z } from 'zod';
import { compact, dateTimeWithOffset, defineTool } from '../../../tools/index.ts';
import { compactFile, FILE_FIELDS, FILES, GOOGLE_TYPES, READ_SCOPE, type DriveFile } from '../drive-file.ts';
import { driveQuery } from '../drive-query.ts';

const TYPES = { ...GOOGLE_TYPES, pdf: 'application/pdf' } as const;

export const googleDriveSearchFiles = defineTool({
  name: 'google_drive_search_files',
  provider: 'google_drive',
  description: 'Search the user\'s Google Drive (including shared drives) by content, name, type or folder; newest first. Returns ids, names, types, owners and links. Pass nextPageToken back as pageToken for more.',
  scopes: [READ_SCOPE],
  input: z.object({
    text: z.string().trim().max(500).optional().describe('Words that must appear in the file\'s name, description or content.'),
    name: z.string().trim().max(500).optional().describe('Text the file name must contain.'),
    type: z.enum(['document', 'spreadsheet', 'presentation', 'folder', 'pdf']).optional().describe('Only files of this kind (Google Docs, Sheets, Slides, folders, PDFs).'),
    folderId: z.string().trim().max(200).optional().describe('Only files directly in this folder (a folder id from an earlier search).'),
    modifiedAfter: dateTimeWithOffset('Only files modified after this time (RFC 3339 with offset).').optional(),
    includeTrashed: z.boolean().default(false).describe('Also list files in the trash.'),
    pageSize: z.number().int().min(1).max(50).default(20).describe('How many files to return (1-50).'),
    pageToken: z.string().max(1000).optional().describe('nextPageToken of the previous page.'),
  }),
  async execute(input, ctx) {
    const q = driveQuery({ ...input, mimeType: input.type ? TYPES[input.type] : undefined });
    const list = await ctx.request<{ files?: DriveFile[]; nextPageToken?: string }>(FILES, {
      query: {
        q,
        pageSize: input.pageSize,
        pageToken: input.pageToken,
        // Drive sorts fullText searches by relevance and refuses orderBy with them.
        orderBy: input.text ? undefined : 'modifiedTime desc',
        fields: `nextPageToken,files(${FILE_FIELDS})`,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
      },
    });
    return compact({ files: (list?.files ?? []).slice(0, input.pageSize).map(compactFile), nextPageToken: list?.nextPageToken });
  },
});
