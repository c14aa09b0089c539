import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';

interface SlackChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  user?: string;
  topic?: { value?: string };
  purpose?: { value?: string };
  num_members?: number;
}

const CHANNEL_TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;

export const slackListChannels = defineTool({
  name: 'slack_list_channels',
  provider: 'slack',
  description: 'List Slack channels the user can see (id, name, topic, membership). Pass nextCursor back as cursor for more.',
  scopes: ['channels:read'],
  input: z.object({
    limit: z.number().int().min(1).max(200).default(100).describe('How many channels per page (1-200).'),
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page.'),
    // Public channels only by default: private ones need the groups:read scope, which Slack
    // otherwise answers with missing_scope for the whole call.
    types: z.array(z.enum(CHANNEL_TYPES)).min(1).default(['public_channel']).describe('Kinds of conversations to list; private_channel needs the groups:read scope.'),
    excludeArchived: z.boolean().default(true).describe('Leave archived channels out.'),
  }),
  async execute({ limit, cursor, types, excludeArchived }, ctx) {
    const page = await slackCall<SlackAnswer & { channels?: SlackChannel[]; response_metadata?: { next_cursor?: string } }>(ctx, 'conversations.list', {
      query: { limit, cursor: cursor || undefined, types: [...new Set(types)].join(','), exclude_archived: excludeArchived },
    });
    return compact({
      channels: (page.channels ?? []).slice(0, limit).map((c) => compact({
        id: c.id,
        name: c.name ?? (c.is_im ? `dm:${c.user ?? ''}` : undefined),
        private: c.is_private ?? false,
        archived: c.is_archived || undefined,
        member: c.is_member,
        members: c.num_members,
        topic: c.topic?.value ? truncate(c.topic.value, 200) : undefined,
        purpose: c.purpose?.value ? truncate(c.purpose.value, 200) : undefined,
      })),
      nextCursor: page.response_metadata?.next_cursor || undefined,
    });
  },
});
