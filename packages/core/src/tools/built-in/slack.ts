import { z } from 'zod';
import type { ToolContext, ToolRequestOptions } from '../tool-types.ts';
import { defineTool } from '../define-tool.ts';
import { providerError } from '../provider-api-error.ts';
import { compact, truncate } from './text.ts';

interface SlackAnswer {
  ok: boolean;
  error?: string;
}

/**
 * Slack answers most failures with HTTP 200 and `{ ok: false, error }`; those become
 * PROVIDER_API_ERROR with Slack's error code, like any other provider error.
 */
async function slackCall<T extends SlackAnswer>(ctx: ToolContext, method: string, options: ToolRequestOptions): Promise<T> {
  const answer = await ctx.request<T>(`/${method}`, options);
  if (!answer?.ok) {
    const code = answer?.error ?? 'unknown_error';
    throw providerError({ provider: ctx.provider, status: 200, method: options.method ?? 'GET', path: `/api/${method}`, message: code, code });
  }
  return answer;
}

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

export const slackSendMessage = defineTool({
  name: 'slack_send_message',
  provider: 'slack',
  description: 'Post a message as the user in a Slack channel (by id like C0123ABCD, or by name like #general), optionally as a reply in a thread.',
  scopes: ['chat:write'],
  input: z.object({
    channel: z.string().trim().min(1).max(200).describe('Channel id (C0123ABCD) or name (#general).'),
    text: z.string().min(1).max(40_000).describe('Message text (Slack mrkdwn).'),
    thread_ts: z.string().trim().regex(/^\d+\.\d+$/, 'Not a Slack message ts').optional().describe('ts of the parent message, to reply in its thread.'),
  }),
  async execute({ channel, text, thread_ts }, ctx) {
    const sent = await slackCall<SlackAnswer & { channel: string; ts: string }>(ctx, 'chat.postMessage', {
      method: 'POST',
      body: compact({ channel, text, thread_ts }),
    });
    return compact({ channel: sent.channel, ts: sent.ts, threadTs: thread_ts });
  },
});

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

export const slackTools = [slackSendMessage, slackListChannels];
