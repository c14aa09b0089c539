import { compact } from '../../tools/index.ts';

/** The item fields the tools read (their `$select`). */
export const ITEM_FIELDS = ['id', 'name', 'size', 'file', 'folder', 'webUrl', 'lastModifiedDateTime', 'parentReference'];

export interface DriveItem {
  id: string;
  name?: string;
  size?: number;
  file?: { mimeType?: string };
  folder?: { childCount?: number };
  webUrl?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  lastModifiedBy?: { user?: { displayName?: string } };
  parentReference?: { path?: string; id?: string };
}

/** `/drive/root:/Documents/Q3` → `/Documents/Q3`: where the item sits, as the person sees it. */
function folderPath(item: DriveItem): string | undefined {
  const raw = item.parentReference?.path;
  if (!raw) return undefined;
  const at = raw.indexOf('root:');
  return at === -1 ? undefined : decodeURIComponent(raw.slice(at + 'root:'.length)) || '/';
}

export function summarizeItem(item: DriveItem) {
  return compact({
    id: item.id,
    name: item.name,
    kind: item.folder ? 'folder' : 'file',
    mimeType: item.file?.mimeType,
    size: item.folder ? undefined : item.size,
    children: item.folder?.childCount,
    folder: folderPath(item),
    modifiedAt: item.lastModifiedDateTime,
    webUrl: item.webUrl,
  });
}
