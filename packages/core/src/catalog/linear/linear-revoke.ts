import type { RevokeContext } from '../../providers/index.ts';

/**
 * Linear's `POST /oauth/revoke` is not RFC 7009: it takes the refresh token as a form field
 * `refresh_token` (which ends the grant, its access tokens with it) or an access token as the
 * Bearer credential. 200 means revoked; 400 (already revoked) and 401 confirm nothing. Without a
 * revocation URL (a connection that moved the token endpoint elsewhere and named none) nothing is
 * sent: a token from another server must not travel to Linear.
 */
export async function revokeLinearToken(context: RevokeContext): Promise<boolean> {
  const url = context.revocationUrl;
  if (!url) return false;
  const attempts: RequestInit[] = [
    ...(context.refreshToken ? [{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ refresh_token: context.refreshToken }).toString() }] : []),
    { method: 'POST', headers: { authorization: `Bearer ${context.accessToken}` } },
  ];
  for (const init of attempts) {
    const response = await context.fetch(url, init);
    await response.body?.cancel();
    if (response.ok) return true;
  }
  return false;
}
