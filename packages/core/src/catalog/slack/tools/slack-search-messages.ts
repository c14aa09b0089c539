import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';

interface SlackMatch {
  channel?: { id?: string; name?: string; is_private?: boolean };
  user?: string;
  username?: string;
  ts: string;
  text?: string;
  permalink?: string;
}

interface SlackSearchAnswer extends SlackAnswer {
  messages?: { total?: number; matches?: SlackMatch[]; paging?: { page?: number; pages?: number } };
}

export const slackSearchMessages = defineTool({
  name: 'slack_search_messages',
  provider: 'slack',
  description: 'Search the messages the user can see in Slack, with Slack search syntax (in:#channel, from:@name, before:2026-01-31, "exact phrase"). Returns channel, author, ts, text and a permalink per match.',
  scopes: ['search:read'],
  input: z.object({
    query: z.string().trim().min(1).max(500).describe('Search query in Slack syntax, e.g. "deploy in:#engineering after:2026-11-01".'),
    count: z.number().int().min(1).max(100).default(20).describe('Matches per page (1-100).'),
    page: z.number().int().min(1).max(100).default(1).describe('Page of results, from 1.'),
    sort: z.enum(['score', 'timestamp']).default('score').describe('Best match first (score) or newest first (timestamp).'),
  }),
  async execute({ query, count, page, sort }, ctx) {
    // Slack searches only with a user token (a bot token gets not_allowed_token_type).
    const answer = await slackCall<SlackSearchAnswer>(ctx, 'search.messages', {
      query: { query, count, page, sort, sort_dir: 'desc' },
      token: 'user',
    });
    const found = answer.messages ?? {};
    return compact({
      total: found.total ?? 0,
      page: found.paging?.page ?? page,
      pages: found.paging?.pages,
      matches: (found.matches ?? []).slice(0, count).map((m) => compact({
        channel: m.channel?.id,
        channelName: m.channel?.name,
        user: m.user,
        username: m.username,
        ts: m.ts,
        text: truncate(m.text ?? '', 500),
        permalink: m.permalink,
      })),
    });
  },
});
