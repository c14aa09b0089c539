import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import type { GraphPage } from '../../microsoft/index.ts';
import { ITEM_FIELDS, summarizeItem, type DriveItem } from '../drive-item.ts';

export const onedriveListFolder = defineTool({
  name: 'onedrive_list_folder',
  provider: 'onedrive',
  description: 'List the files and folders in a OneDrive folder (the top of the drive by default), folders first, then by name.',
  scopes: ['Files.Read'],
  input: z.object({
    folderId: z.string().trim().min(1).max(500).optional().describe('Id of the folder (from a previous listing or search); omit for the top of the drive.'),
    limit: z.number().int().min(1).max(200).default(50).describe('How many entries (1-200).'),
  }),
  async execute({ folderId, limit }, ctx) {
    const url = folderId ? path`/me/drive/items/${folderId}/children` : '/me/drive/root/children';
    const page = await ctx.request<GraphPage<DriveItem>>(url, { query: { $top: limit, $select: ITEM_FIELDS.join(',') } });
    const items = [...(page?.value ?? [])].slice(0, limit).sort((a, b) => Number(Boolean(b.folder)) - Number(Boolean(a.folder)) || (a.name ?? '').localeCompare(b.name ?? ''));
    return compact({ items: items.map(summarizeItem), more: page?.['@odata.nextLink'] ? true : undefined });
  },
});
