import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { compact, defineTool, path } from '../../../tools/index.ts';
import type { GraphPage } from '../../microsoft/index.ts';
import { SUMMARY_FIELDS, summarizeMessage, type GraphMessage } from '../outlook-message.ts';

export const outlookListMessages = defineTool({
  name: 'outlook_list_messages',
  provider: 'outlook',
  description: 'List or search the user\'s Outlook mail, newest first: id, subject, sender, date and a short preview. Without query it lists a folder (the inbox by default); with query it searches all folders (or the given one) like the Outlook search box, e.g. "from:ada budget" or "subject:invoice". Use outlook_get_message to read one.',
  scopes: ['Mail.Read'],
  input: z.object({
    query: z.string().trim().min(1).max(500).optional().describe('Search words, with optional KQL like from:, to:, subject:, hasattachments:yes.'),
    folder: z.string().trim().min(1).max(300).optional().describe('inbox, sentitems, drafts, archive, deleteditems, junkemail or a folder id. Default: inbox, or every folder when searching.'),
    unreadOnly: z.boolean().default(false).describe('Only unread messages (not combinable with query).'),
    limit: z.number().int().min(1).max(50).default(10).describe('How many messages (1-50).'),
    skip: z.number().int().min(0).max(10_000).optional().describe('nextSkip of the previous page (listing only).'),
  }),
  async execute({ query, folder, unreadOnly, limit, skip }, ctx) {
    if (query && (unreadOnly || skip !== undefined)) {
      // Graph refuses $filter and $skip together with $search on messages.
      throw new OnBehalfError('TOOL_INPUT_INVALID', 'unreadOnly and skip work only without query; add isread:false to the query words instead of unreadOnly.');
    }
    const where = folder ?? (query ? undefined : 'inbox');
    const url = where ? path`/me/mailFolders/${where}/messages` : '/me/messages';
    const page = await ctx.request<GraphPage<GraphMessage>>(url, {
      query: query
        // $search takes a quoted phrase; a double quote inside would end it early.
        ? { $search: `"${query.replace(/"/g, ' ').trim()}"`, $top: limit, $select: SUMMARY_FIELDS.join(',') }
        : { $top: limit, $skip: skip, $select: SUMMARY_FIELDS.join(','), $orderby: 'receivedDateTime desc', $filter: unreadOnly ? 'isRead eq false' : undefined },
    });
    const messages = (page?.value ?? []).slice(0, limit).map(summarizeMessage);
    const more = Boolean(page?.['@odata.nextLink']);
    return compact({ messages, nextSkip: more && !query ? (skip ?? 0) + messages.length : undefined, more: more || undefined });
  },
});
