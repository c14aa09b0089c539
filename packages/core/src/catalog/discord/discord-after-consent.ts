import type { AfterConsentContext, CredentialField } from '../../providers/index.ts';

const SNOWFLAKE = '^[0-9]{15,21}$';

/** What a Discord account keeps in plain values: ids only, never the webhook token. */
export const discordAccountValues: CredentialField[] = [
  { name: 'userId', label: 'Discord user id', pattern: SNOWFLAKE },
  { name: 'webhookId', label: 'Incoming webhook id', pattern: SNOWFLAKE },
  { name: 'webhookChannelId', label: 'Channel of the incoming webhook', pattern: SNOWFLAKE },
  { name: 'webhookGuildId', label: 'Server of the incoming webhook', pattern: SNOWFLAKE },
  { name: 'guildId', label: 'Server the bot was added to', pattern: SNOWFLAKE },
];

const snowflake = (value: unknown): string | undefined => (typeof value === 'string' && new RegExp(SNOWFLAKE).test(value) ? value : undefined);

/**
 * The webhook's ids (from the token answer, `webhook.incoming`), the server a `bot` install added
 * the bot to (`guild`), and the person's user id (`GET /users/@me`, when `identify` was granted).
 */
export async function discordAfterConsent(ctx: AfterConsentContext): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  const webhook = ctx.tokenResponse.webhook as Record<string, unknown> | undefined;
  const guild = ctx.tokenResponse.guild as Record<string, unknown> | undefined;
  const put = (name: string, value: unknown) => {
    const id = snowflake(value);
    if (id) values[name] = id;
  };
  put('webhookId', webhook?.id);
  put('webhookChannelId', webhook?.channel_id);
  put('webhookGuildId', webhook?.guild_id);
  put('guildId', guild?.id);
  const scopes = typeof ctx.tokenResponse.scope === 'string' ? ctx.tokenResponse.scope.split(' ') : [];
  if (scopes.includes('identify')) {
    const me = await ctx.fetch('/users/@me');
    if (me.ok) put('userId', ((await me.json()) as { id?: unknown }).id);
    else await me.body?.cancel();
  }
  return values;
}
