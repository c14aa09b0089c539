import { z } from 'zod';
import { compact, defineTool, path, truncate, withQuery } from '../../../tools/index.ts';
import { fetchDriveText, notReadable } from '../drive-content.ts';
import { FILES, fileId, GOOGLE_TYPES, READ_SCOPE, type DriveFile } from '../drive-file.ts';

const MAX_CHARS = 20_000;
// UTF-8 needs at most 4 bytes per character; reading more than that could not be shown anyway.
const MAX_BYTES = MAX_CHARS * 4;

/** What each Google editor file is exported as: the text formats Drive offers for it. */
const EXPORT_AS: Record<string, string> = {
  [GOOGLE_TYPES.document]: 'text/plain',
  [GOOGLE_TYPES.spreadsheet]: 'text/csv',
  [GOOGLE_TYPES.presentation]: 'text/plain',
};

const isText = (mimeType: string) => mimeType.startsWith('text/') || /^application\/(json|xml|csv|x-yaml|yaml|javascript|x-ndjson)$/.test(mimeType) || mimeType.endsWith('+json') || mimeType.endsWith('+xml');

export const googleDriveReadFile = defineTool({
  name: 'google_drive_read_file',
  provider: 'google_drive',
  description: `Read a Google Drive file as text: a Google Doc or Slides deck as plain text, a Google Sheet as CSV (its first sheet), a text file (txt, csv, md, json…) as it is; at most ${MAX_CHARS} characters. PDFs, images and other binary files cannot be read.`,
  scopes: [READ_SCOPE],
  input: z.object({ fileId }),
  async execute({ fileId: id }, ctx) {
    const file = await ctx.request<DriveFile>(FILES + path`/${id}`, { query: { fields: 'id,name,mimeType,size', supportsAllDrives: true } });
    const mimeType = file.mimeType ?? '';
    const exportAs = EXPORT_AS[mimeType];
    let target: string;
    if (exportAs) target = withQuery(FILES + path`/${id}/export`, { mimeType: exportAs });
    else if (isText(mimeType)) target = withQuery(FILES + path`/${id}`, { alt: 'media', supportsAllDrives: true });
    else throw notReadable(file.name, file.mimeType);
    const { text, complete } = await fetchDriveText(ctx, target, MAX_BYTES);
    const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    return compact({
      id: file.id,
      name: file.name,
      mimeType: exportAs ?? mimeType,
      text: truncate(normalized, MAX_CHARS),
      truncated: !complete || normalized.length > MAX_CHARS ? true : undefined,
    });
  },
});
