import type { RevokeContext } from '../../providers/index.ts';

/**
 * monday.com's `POST /oauth_ms/oauth/revoke` takes a JSON body `{ token, token_type_hint,
 * client_id, client_secret }` (not RFC 7009's form) and answers `{ success: true }`. The refresh
 * token is revoked when there is one, which ends the grant. Nothing is sent without a revocation
 * URL or the app's credentials.
 */
export async function revokeMondayToken(context: RevokeContext): Promise<boolean> {
  if (!context.revocationUrl || !context.clientId || !context.clientSecret) return false;
  const [token, hint] = context.refreshToken ? [context.refreshToken, 'refresh_token'] : [context.accessToken, 'access_token'];
  const response = await context.fetch(context.revocationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token, token_type_hint: hint, client_id: context.clientId, client_secret: context.clientSecret }),
  });
  if (!response.ok) {
    await response.body?.cancel();
    return false;
  }
  const answer = (await response.json().catch(() => undefined)) as { success?: unknown } | undefined;
  return answer?.success === true;
}
