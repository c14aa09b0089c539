import type { RevokeContext } from '../../providers/index.ts';

/**
 * Zendesk revokes an OAuth token by its id (`DELETE /api/v2/oauth/tokens/{id}.json`); the
 * `current.json` shortcut is reported to answer 204 without revoking. The id changes with every
 * refresh (a refresh deletes the previous pair and issues a new one), so an id captured at consent
 * would be stale within 30 minutes: it is looked up with the access token being revoked
 * (`GET /api/v2/oauth/tokens/current.json`), then that token is deleted, which ends its refresh
 * token too. When the lookup fails (the access token already expired), nothing is claimed:
 * `revoke()` deletes the tokens here and reports `revokedAtProvider: false`.
 */
export async function zendeskRevoke(ctx: RevokeContext): Promise<boolean> {
  const headers = { authorization: `Bearer ${ctx.accessToken}`, accept: 'application/json' };
  const current = await ctx.fetch(`${ctx.apiBaseUrl}/oauth/tokens/current.json`, { headers });
  if (!current.ok) return false;
  const id = ((await current.json()) as { token?: { id?: unknown } }).token?.id;
  if (typeof id !== 'number' && !(typeof id === 'string' && /^\d+$/.test(id))) return false;
  const deleted = await ctx.fetch(`${ctx.apiBaseUrl}/oauth/tokens/${encodeURIComponent(String(id))}.json`, { method: 'DELETE', headers });
  return deleted.status === 204 || deleted.ok;
}
