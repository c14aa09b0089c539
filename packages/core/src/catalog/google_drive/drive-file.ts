import { compact, pathSegment } from '../../tools/index.ts';

export const FILES = '/drive/v3/files';
export const READ_SCOPE = 'https://www.googleapis.com/auth/drive.readonly';

/** Google's own types, by the short names a model uses. */
export const GOOGLE_TYPES = {
  document: 'application/vnd.google-apps.document',
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  presentation: 'application/vnd.google-apps.presentation',
  folder: 'application/vnd.google-apps.folder',
} as const;

/** The `fields` of a file the tools ask for: a partial response keeps Drive's answers small. */
export const FILE_FIELDS = 'id,name,mimeType,modifiedTime,size,webViewLink,parents,owners(displayName,emailAddress)';

export interface DriveFile {
  id: string;
  name?: string;
  mimeType?: string;
  description?: string;
  size?: string;
  createdTime?: string;
  modifiedTime?: string;
  webViewLink?: string;
  parents?: string[];
  trashed?: boolean;
  starred?: boolean;
  shared?: boolean;
  owners?: Array<{ displayName?: string; emailAddress?: string }>;
  lastModifyingUser?: { displayName?: string; emailAddress?: string };
}

export const fileId = pathSegment('Drive file id, as google_drive_search_files returns it.', 200);

const KIND_OF: Record<string, string> = Object.fromEntries(Object.entries(GOOGLE_TYPES).map(([kind, type]) => [type, kind]));

/** A file as a model needs it: id, name, kind, when, size, link, owner. */
export function compactFile(file: DriveFile) {
  const owner = file.owners?.[0];
  return compact({
    id: file.id,
    name: file.name,
    type: (file.mimeType && KIND_OF[file.mimeType]) ?? file.mimeType,
    modifiedTime: file.modifiedTime,
    size: file.size === undefined ? undefined : Number(file.size),
    owner: owner ? owner.emailAddress ?? owner.displayName : undefined,
    parents: file.parents?.length ? file.parents : undefined,
    link: file.webViewLink,
  });
}
