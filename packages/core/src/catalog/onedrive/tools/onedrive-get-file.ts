import { z } from 'zod';
import { providerApiError } from '../../../api-client/index.ts';
import { OnBehalfError } from '../../../errors.ts';
import { compact, defineTool, path, truncate, type ToolContext } from '../../../tools/index.ts';
import { ITEM_FIELDS, summarizeItem, type DriveItem } from '../drive-item.ts';

/** Files read as text: no office formats or binaries, which would only be noise for a model. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|csv|x-sh|sql|x-www-form-urlencoded)\b)|\+(json|xml)\b/i;
const TEXT_NAMES = /\.(txt|md|markdown|csv|tsv|json|ya?ml|xml|html?|css|js|ts|py|sql|log|ini|cfg|conf|toml|sh)$/i;
const MAX_DOWNLOAD = 1_000_000;

export const onedriveGetFile = defineTool({
  name: 'onedrive_get_file',
  provider: 'onedrive',
  description: 'Get a OneDrive file\'s details (name, type, size, folder, dates, link) and, for a text file up to 1 MB (txt, md, csv, json…), its content as text, cut at maxChars.',
  scopes: ['Files.Read'],
  input: z.object({
    id: z.string().trim().min(1).max(500).describe('Item id from onedrive_search_files or onedrive_list_folder.'),
    includeContent: z.boolean().default(true).describe('Also return the text of a small text file.'),
    maxChars: z.number().int().min(100).max(100_000).default(20_000).describe('Longest text to return, in characters.'),
  }),
  async execute({ id, includeContent, maxChars }, ctx) {
    const item = await ctx.request<DriveItem>(path`/me/drive/items/${id}`, { query: { $select: ITEM_FIELDS.join(',') } });
    const summary = summarizeItem(item);
    const textual = Boolean(item.file) && (TEXT_TYPES.test(item.file?.mimeType ?? '') || TEXT_NAMES.test(item.name ?? ''));
    if (!includeContent || !textual) return compact({ ...summary, content: undefined, note: includeContent && item.file ? 'not a text file: no content returned' : undefined });
    if ((item.size ?? 0) > MAX_DOWNLOAD) return { ...summary, note: 'larger than 1 MB: no content returned' };
    const text = await download(ctx, path`/me/drive/items/${id}/content`);
    return compact({ ...summary, content: truncate(text, maxChars), truncated: text.length > maxChars || undefined });
  },
});

/**
 * `/content` answers 302 to a short-lived pre-authenticated URL on another host (SharePoint or
 * OneDrive storage), which the authenticated fetch hands back rather than follow with the token.
 * That URL needs no credentials, so it is fetched without them.
 */
async function download(ctx: ToolContext, url: string): Promise<string> {
  const response = await ctx.fetch(url, { headers: { accept: '*/*' } });
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    if (!location || !location.startsWith('https://')) throw new OnBehalfError('PROVIDER_API_ERROR', 'OneDrive did not say where to download the file from.', { details: { provider: 'onedrive', status: response.status } });
    const file = await fetch(location, { signal: ctx.signal, redirect: 'follow' });
    if (!file.ok) throw new OnBehalfError('PROVIDER_API_ERROR', `The OneDrive download answered HTTP ${file.status}.`, { details: { provider: 'onedrive', status: file.status } });
    return (await file.text()).slice(0, MAX_DOWNLOAD);
  }
  if (!response.ok) throw await providerApiError({ provider: ctx.provider, response, method: 'GET', url: new URL(response.url || `https://graph.microsoft.com/v1.0${url}`), redact: ctx.redact });
  return (await response.text()).slice(0, MAX_DOWNLOAD);
}
