import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import type { GraphPage } from '../../microsoft/index.ts';
import { ITEM_FIELDS, summarizeItem, type DriveItem } from '../drive-item.ts';

export const onedriveSearchFiles = defineTool({
  name: 'onedrive_search_files',
  provider: 'onedrive',
  description: 'Search the user\'s OneDrive for files and folders whose name, content or metadata match the words (id, name, folder, size, link).',
  scopes: ['Files.Read'],
  input: z.object({
    // The words go inside search(q='…') in the URL path, where Graph mishandles / \ ? # % even
    // encoded: they are refused so the model rephrases instead of getting odd results.
    query: z.string().trim().min(1).max(200).refine((q) => !/[\\/?#%]/.test(q) && q !== '.' && q !== '..', 'Leave out / \\ ? # and %').describe('Words to look for, e.g. "budget 2025".'),
    limit: z.number().int().min(1).max(50).default(10).describe('How many results (1-50).'),
  }),
  async execute({ query, limit }, ctx) {
    const q = encodeURIComponent(query.replace(/'/g, "''"));
    const page = await ctx.request<GraphPage<DriveItem>>(`/me/drive/root/search(q='${q}')`, { query: { $top: limit, $select: ITEM_FIELDS.join(',') } });
    return compact({ items: (page?.value ?? []).slice(0, limit).map(summarizeItem), more: page?.['@odata.nextLink'] ? true : undefined });
  },
});
