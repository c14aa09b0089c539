import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';

export const slackSendMessage = defineTool({
  name: 'slack_send_message',
  provider: 'slack',
  writes: true,
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
