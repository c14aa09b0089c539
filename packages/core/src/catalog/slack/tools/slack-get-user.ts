import { z } from 'zod';
import { compact, defineTool } from '../../../tools/index.ts';
import { slackCall, type SlackAnswer } from '../slack-call.ts';

interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  tz?: string;
  profile?: { display_name?: string; real_name?: string; title?: string; email?: string; status_text?: string; status_emoji?: string };
}

export const slackGetUser = defineTool({
  name: 'slack_get_user',
  provider: 'slack',
  description: 'Look up a Slack user by id (the U… ids in messages): name, display name, title, time zone, status, and email when the token may read emails.',
  scopes: ['users:read'],
  input: z.object({
    user: z.string().trim().regex(/^[UW][A-Z0-9]{2,}$/, 'Not a Slack user id').describe('User id, like U0123ABCD.'),
  }),
  async execute({ user }, ctx) {
    const answer = await slackCall<SlackAnswer & { user: SlackUser }>(ctx, 'users.info', { query: { user } });
    const u = answer.user;
    return compact({
      id: u.id,
      name: u.name,
      realName: u.real_name ?? u.profile?.real_name,
      displayName: u.profile?.display_name,
      title: u.profile?.title,
      email: u.profile?.email,
      timezone: u.tz,
      status: u.profile?.status_text ? `${u.profile.status_emoji ?? ''} ${u.profile.status_text}`.trim() : undefined,
      bot: u.is_bot || undefined,
      admin: u.is_admin || undefined,
      deleted: u.deleted || undefined,
    });
  },
});
