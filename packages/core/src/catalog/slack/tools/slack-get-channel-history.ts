import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';
import { SLACK_TS } from '../slack-ts.ts';

interface SlackHistoryMessage {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  reply_count?: number;
  reactions?: Array<{ name: string; count?: number }>;
}

const MAX_TEXT = 1_000;

export const slackGetChannelHistory = defineTool({
  name: 'slack_get_channel_history',
  provider: 'slack',
  description: 'Read the latest messages of a Slack channel, newest first (user id, text, ts, thread replies, reactions). Needs the channel id (find it with slack_list_channels); pass nextCursor back as cursor for older messages.',
  scopes: ['channels:history'],
  input: z.object({
    channel: z.string().trim().regex(/^[CGD][A-Z0-9]{2,}$/, 'Not a Slack channel id').describe('Channel id, like C0123ABCD (not its name).'),
    limit: z.number().int().min(1).max(100).default(20).describe('How many messages (1-100).'),
    oldest: z.string().trim().regex(SLACK_TS, 'Not a Slack ts').optional().describe('Only messages after this ts (Unix seconds with decimals, e.g. 1733130000.000100).'),
    latest: z.string().trim().regex(SLACK_TS, 'Not a Slack ts').optional().describe('Only messages before this ts.'),
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page.'),
  }),
  async execute({ channel, limit, oldest, latest, cursor }, ctx) {
    const page = await slackCall<SlackAnswer & { messages?: SlackHistoryMessage[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }>(ctx, 'conversations.history', {
      query: { channel, limit, oldest, latest, cursor: cursor || undefined },
    });
    return compact({
      messages: (page.messages ?? []).slice(0, limit).map((m) => compact({
        ts: m.ts,
        user: m.user ?? m.bot_id,
        username: m.username,
        subtype: m.subtype,
        text: truncate(m.text ?? '', MAX_TEXT),
        threadTs: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined,
        replies: m.reply_count || undefined,
        reactions: m.reactions?.length ? m.reactions.slice(0, 10).map((r) => ({ name: r.name, count: r.count ?? 1 })) : undefined,
      })),
      hasMore: page.has_more ?? false,
      nextCursor: page.response_metadata?.next_cursor || undefined,
    });
  },
});
