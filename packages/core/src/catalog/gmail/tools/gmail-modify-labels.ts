import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { defineTool, path } from '../../../tools/index.ts';
import { LABELS, SYSTEM_LABELS, type GmailLabel } from '../gmail-labels.ts';
import { messageId } from '../gmail-summary.ts';

const labelList = (description: string) => z.array(z.string().trim().min(1).max(225)).max(20).describe(description);

export const gmailModifyLabels = defineTool({
  name: 'gmail_modify_labels',
  provider: 'gmail',
  writes: true,
  description: 'Organise Gmail mail: archive it (out of the inbox), mark it read or unread, star it, or add and remove labels by name or id. Applies to one message (messageId) or a whole conversation (threadId).',
  scopes: ['https://www.googleapis.com/auth/gmail.modify'],
  input: z.object({
    messageId: messageId.describe('One message to change (id from gmail_fetch_mails).').optional(),
    threadId: messageId.describe('Or a whole conversation: its threadId from gmail_fetch_mails.').optional(),
    archive: z.boolean().optional().describe('true removes it from the inbox; false moves it back into the inbox.'),
    read: z.boolean().optional().describe('true marks it read, false unread.'),
    starred: z.boolean().optional().describe('Star or unstar it.'),
    addLabels: labelList('Label names or ids to add (the user\'s own labels, or system ones like IMPORTANT).').optional(),
    removeLabels: labelList('Label names or ids to remove.').optional(),
  }).refine((i) => (i.messageId === undefined) !== (i.threadId === undefined), { message: 'Give exactly one of messageId and threadId', path: ['messageId'] })
    .refine((i) => i.archive !== undefined || i.read !== undefined || i.starred !== undefined || (i.addLabels?.length ?? 0) > 0 || (i.removeLabels?.length ?? 0) > 0, { message: 'Say what to change', path: ['archive'] }),
  async execute(input, ctx) {
    const add = new Set<string>();
    const remove = new Set<string>();
    if (input.archive !== undefined) (input.archive ? remove : add).add('INBOX');
    if (input.read !== undefined) (input.read ? remove : add).add('UNREAD');
    if (input.starred !== undefined) (input.starred ? add : remove).add('STARRED');
    const named = [...(input.addLabels ?? []), ...(input.removeLabels ?? [])].filter((l) => !SYSTEM_LABELS.has(l.toUpperCase()));
    // Label names mean nothing to the API: look up the user's labels only when a name needs it.
    const labels = named.length > 0 ? ((await ctx.request<{ labels?: GmailLabel[] }>(LABELS))?.labels ?? []) : [];
    const idOf = (label: string): string => {
      if (SYSTEM_LABELS.has(label.toUpperCase())) return label.toUpperCase();
      const found = labels.find((l) => l.id === label) ?? labels.find((l) => l.name.toLowerCase() === label.toLowerCase());
      if (!found) throw new OnBehalfError('TOOL_INPUT_INVALID', `There is no Gmail label "${label}"; gmail_list_labels lists them.`, { details: { label } });
      return found.id;
    };
    for (const label of input.addLabels ?? []) add.add(idOf(label));
    for (const label of input.removeLabels ?? []) remove.add(idOf(label));
    const target = input.threadId ? path`/gmail/v1/users/me/threads/${input.threadId}/modify` : path`/gmail/v1/users/me/messages/${input.messageId!}/modify`;
    const body = { ...(add.size > 0 ? { addLabelIds: [...add] } : {}), ...(remove.size > 0 ? { removeLabelIds: [...remove] } : {}) };
    const changed = await ctx.request<{ id: string; threadId?: string; labelIds?: string[]; messages?: Array<{ id: string; labelIds?: string[] }> }>(target, { method: 'POST', body });
    if (input.threadId) return { threadId: changed.id, messages: (changed.messages ?? []).length, labels: changed.messages?.at(-1)?.labelIds ?? [] };
    return { id: changed.id, threadId: changed.threadId, labels: changed.labelIds ?? [] };
  },
});
