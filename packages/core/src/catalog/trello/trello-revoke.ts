import type { OAuth1RevokeContext } from '../../providers/index.ts';

/**
 * `DELETE /1/tokens/{token}`, signed with the token itself: Trello deletes it, and the person's
 * "Connected apps" list no longer shows the app. 200 is the only confirmation; a token Trello no
 * longer knows answers 401, which is not a confirmation that this call revoked it.
 */
export async function revokeTrelloToken(context: OAuth1RevokeContext): Promise<boolean> {
  const response = await context.fetch(`${context.apiBaseUrl}/tokens/${encodeURIComponent(context.token)}`, { method: 'DELETE' });
  await response.body?.cancel().catch(() => undefined);
  return response.ok;
}
