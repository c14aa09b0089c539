import { z } from 'zod';
import { defineTool } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';
import { SLACK_TS } from '../slack-ts.ts';

export const slackAddReaction = defineTool({
  name: 'slack_add_reaction',
  provider: 'slack',
  writes: true,
  description: 'Add an emoji reaction (like thumbsup or eyes) as the user to a Slack message, given its channel id and ts.',
  scopes: ['reactions:write'],
  input: z.object({
    channel: z.string().trim().regex(/^[CGD][A-Z0-9]{2,}$/, 'Not a Slack channel id').describe('Id of the channel the message is in (C0123ABCD).'),
    timestamp: z.string().trim().regex(SLACK_TS, 'Not a Slack ts').describe('ts of the message to react to.'),
    // Slack wants the emoji name without colons; a model often writes ":thumbsup:".
    name: z.string().trim().transform((n) => n.replace(/^:|:$/g, '')).pipe(z.string().regex(/^[a-z0-9_+'-]{1,100}(::skin-tone-[2-6])?$/, 'Not an emoji name')).describe('Emoji name without colons, e.g. thumbsup, eyes, white_check_mark.'),
  }),
  async execute({ channel, timestamp, name }, ctx) {
    await slackCall<SlackAnswer>(ctx, 'reactions.add', { method: 'POST', body: { channel, timestamp, name } });
    return { channel, ts: timestamp, reaction: name };
  },
});
