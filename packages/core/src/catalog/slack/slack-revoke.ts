import type { RevokeContext } from '../../providers/index.ts';

/**
 * Slack revokes a token with `auth.revoke`, authenticated by that very token; it answers
 * `{ ok: true, revoked: true }` (HTTP 200 with `ok: false` otherwise). The account's own token is
 * revoked — the person's user token, or the bot token of a bot-only install. The bot token that
 * rides along with a user token is not: it belongs to the workspace's installation, which other
 * people's accounts use too (uninstalling the app is `apps.uninstall`, an admin decision).
 * Slack's refresh token is not a token `auth.revoke` accepts, so it is never the one sent.
 */
export async function revokeSlackToken(ctx: RevokeContext): Promise<boolean> {
  const response = await ctx.fetch(`${ctx.apiBaseUrl}/auth.revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  if (!response.ok) {
    await response.body?.cancel();
    return false;
  }
  const answer = (await response.json().catch(() => undefined)) as { ok?: unknown; revoked?: unknown } | undefined;
  return answer?.ok === true && answer.revoked !== false;
}
