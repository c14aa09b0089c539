import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { LABELS, type GmailLabel } from '../gmail-labels.ts';
import { READ_SCOPE } from '../gmail-summary.ts';

export const gmailListLabels = defineTool({
  name: 'gmail_list_labels',
  provider: 'gmail',
  description: 'List the labels of the user\'s Gmail mailbox (their ids and names, the user\'s own and Gmail\'s system labels such as INBOX, STARRED, IMPORTANT), e.g. before labelling mail with gmail_modify_labels.',
  scopes: [READ_SCOPE],
  input: z.object({
    userLabelsOnly: z.boolean().default(false).describe('Only the labels the user made.'),
  }),
  async execute({ userLabelsOnly }, ctx) {
    const answer = await ctx.request<{ labels?: GmailLabel[] }>(LABELS);
    const labels = (answer?.labels ?? []).filter((l) => !userLabelsOnly || l.type === 'user');
    return labels
      .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'user' ? -1 : 1))
      .slice(0, 500)
      .map((l) => compact({ id: l.id, name: l.name, type: l.type }));
  },
});
