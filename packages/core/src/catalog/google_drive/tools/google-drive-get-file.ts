import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { compactFile, FILES, fileId, READ_SCOPE, type DriveFile } from '../drive-file.ts';

const FIELDS = 'id,name,mimeType,description,size,createdTime,modifiedTime,webViewLink,parents,trashed,starred,shared,owners(displayName,emailAddress),lastModifyingUser(displayName,emailAddress)';

export const googleDriveGetFile = defineTool({
  name: 'google_drive_get_file',
  provider: 'google_drive',
  description: 'Get one Google Drive file\'s details: name, type, size, owner, who changed it last and when, its folder, sharing, trash state and link. Use google_drive_read_file for its content.',
  scopes: [READ_SCOPE],
  input: z.object({ fileId }),
  async execute({ fileId: id }, ctx) {
    const file = await ctx.request<DriveFile>(FILES + path`/${id}`, { query: { fields: FIELDS, supportsAllDrives: true } });
    return compact({
      ...compactFile(file),
      description: file.description ? truncate(file.description, 1000) : undefined,
      createdTime: file.createdTime,
      lastModifiedBy: file.lastModifyingUser ? file.lastModifyingUser.emailAddress ?? file.lastModifyingUser.displayName : undefined,
      shared: file.shared,
      starred: file.starred || undefined,
      trashed: file.trashed || undefined,
    });
  },
});
