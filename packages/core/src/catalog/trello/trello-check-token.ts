import type { OAuth1RevokeContext } from '../../providers/index.ts';

/**
 * Whether Trello still takes the token: `GET /1/tokens/{token}`, signed with it. 200 yes; 401
 * (`invalid token`: revoked under the member's account settings, or past its `expiration`) no;
 * any other answer is not a verdict.
 */
export async function checkTrelloToken(context: OAuth1RevokeContext): Promise<boolean> {
  const response = await context.fetch(`${context.apiBaseUrl}/tokens/${encodeURIComponent(context.token)}`);
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return true;
  if (response.status === 401) return false;
  throw new Error(`Trello answered ${response.status} to the token check`);
}
