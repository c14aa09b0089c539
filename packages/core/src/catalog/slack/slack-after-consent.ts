import type { AfterConsentContext, CredentialField, ProviderIdentity } from '../../providers/index.ts';

const SLACK_ID = '^[A-Z0-9]{2,32}$';

/** What a Slack account keeps in plain values: the workspace and the people in it, by id. */
export const slackAccountValues: CredentialField[] = [
  { name: 'teamId', label: 'Workspace id', pattern: SLACK_ID },
  { name: 'enterpriseId', label: 'Enterprise Grid org id', pattern: SLACK_ID },
  { name: 'userId', label: 'Slack user id of the person', pattern: SLACK_ID },
  { name: 'botUserId', label: 'Slack user id of the app\'s bot', pattern: SLACK_ID },
  { name: 'appId', label: 'Slack app id', pattern: SLACK_ID },
];

/** Everything comes in the token answer (see slack-token-response.ts); no API call is needed. */
export function slackAfterConsent(ctx: AfterConsentContext): Record<string, string> {
  const r = ctx.tokenResponse as { team?: { id?: unknown }; enterprise?: { id?: unknown }; authed_user_id?: unknown; bot_user_id?: unknown; app_id?: unknown };
  const candidates: Record<string, unknown> = { teamId: r.team?.id, enterpriseId: r.enterprise?.id, userId: r.authed_user_id, botUserId: r.bot_user_id, appId: r.app_id };
  const pattern = new RegExp(SLACK_ID);
  return Object.fromEntries(Object.entries(candidates).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && pattern.test(entry[1])));
}

/**
 * Who connected, from the same token answer: Slack user ids are unique only within a workspace,
 * so the subject is the workspace and the person (or the bot, for a bot-only install) together.
 */
export function slackIdentity(ctx: AfterConsentContext): ProviderIdentity | undefined {
  const { teamId, userId, botUserId } = ctx.values;
  const who = userId ?? botUserId;
  if (!teamId || !who) return undefined;
  const team = (ctx.tokenResponse as { team?: { name?: unknown } }).team?.name;
  return { subject: `${teamId}:${who}`, display: typeof team === 'string' && team !== '' ? team : null };
}
