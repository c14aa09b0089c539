import { jwtMintFailure } from '../../jwt/index.ts';
import type { JwtAuth, JwtExchangeContext, JwtToken } from '../../providers/index.ts';

/**
 * `POST /app/installations/{installation_id}/access_tokens` with the app JWT as the bearer: 201
 * with `{ token, expires_at, permissions }`, a token for one hour. 401 (a JWT GitHub cannot verify:
 * wrong key, wrong app id, clock) and 403/404/422 (no such installation, suspended) are the
 * credentials' fault; 5xx and 429 an outage.
 */
export async function exchangeGitHubAppJwt(context: JwtExchangeContext): Promise<JwtToken> {
  const url = `${context.apiBaseUrl}/app/installations/${encodeURIComponent(context.values.installationId ?? '')}/access_tokens`;
  const response = await context.fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${context.assertion}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'onbehalf',
    },
  });
  const body = (await response.json().catch(() => undefined)) as { token?: unknown; expires_at?: unknown; message?: unknown } | undefined;
  if (response.status !== 201 || typeof body?.token !== 'string') {
    const outage = response.status >= 500 || response.status === 429 || response.status === 201;
    const said = typeof body?.message === 'string' ? `: ${body.message.replace(/[\u0000-\u001f]/g, ' ').slice(0, 200)}` : '';
    throw jwtMintFailure({ rejected: !outage, httpStatus: response.status, message: `GitHub refused the installation token request (HTTP ${response.status})${said}` });
  }
  const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN;
  // Installation permissions (`issues: write`) are not OAuth scopes, so none are recorded.
  return { accessToken: body.token, tokenType: 'Bearer', expiresAt: Number.isFinite(expiresAt) ? expiresAt : null, scopes: [] };
}

/** `DELETE /installation/token` with the token itself: 204 when GitHub revoked it. */
export async function revokeGitHubInstallationToken(context: { accessToken: string; apiBaseUrl: string; fetch: typeof fetch }): Promise<boolean> {
  const response = await context.fetch(`${context.apiBaseUrl}/installation/token`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${context.accessToken}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'onbehalf' },
  });
  await response.body?.cancel();
  return response.status === 204;
}

/**
 * A GitHub App acting as one of its installations (an organization or user that installed it):
 * an RS256 app JWT (`iss` the app's ID or client ID, `iat` 60 s in the past for clock drift, `exp`
 * 10 minutes after that, GitHub's maximum) is exchanged for an installation token, re-minted when
 * it is due. Each installation is one account, holding the app's private key (the `.pem` GitHub
 * generates, PKCS#1) and its installation id.
 */
export const githubAppInstallation: JwtAuth = {
  type: 'jwt',
  fields: [
    { name: 'appId', label: 'GitHub App ID (or client ID)', required: true, pattern: '^(\\d{1,20}|Iv[\\w.]{1,40})$' },
    { name: 'installationId', label: 'Installation ID', required: true, pattern: '^\\d{1,20}$' },
    { name: 'privateKey', label: 'GitHub App private key (.pem)', required: true, secret: true },
  ],
  assertion: ({ values, now }) => ({
    privateKey: values.privateKey ?? '',
    algorithm: 'RS256',
    claims: { iss: values.appId, iat: now - 60, exp: now + 540 },
  }),
  exchange: exchangeGitHubAppJwt,
  revoke: revokeGitHubInstallationToken,
  // Installation tokens cannot call GET /user; this one works for any installation.
  verify: { path: '/installation/repositories' },
};
