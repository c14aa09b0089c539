import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext, OAuth2Auth } from '../../providers/index.ts';
import { microsoftTokenError } from './aadsts-errors.ts';
import { PERSONAL_ACCOUNTS_TENANT_ID } from './microsoft-tenant.ts';

const LOGIN = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0';

/** The `tid` claim of a work/school access token; personal-account Graph tokens are opaque. */
function tenantOf(accessToken: unknown): string | undefined {
  if (typeof accessToken !== 'string') return undefined;
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown };
    return typeof claims.tid === 'string' && /^[0-9a-f-]{36}$/i.test(claims.tid) ? claims.tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * After consent: who connected (Graph's `/me`) and in which tenant. The token is not validated
 * (Graph tokens are not meant to be), only read for `tid`. For Teams a token of the personal
 * accounts tenant is refused here, since nothing in Teams works for it and every tool would fail
 * later. (A token that is not a JWT says nothing about its tenant, so it is not refused.)
 */
function afterConsent(workOrSchoolOnly: boolean) {
  return async (ctx: AfterConsentContext): Promise<Record<string, string>> => {
    const tenantId = tenantOf(ctx.tokenResponse.access_token);
    if (workOrSchoolOnly && tenantId === PERSONAL_ACCOUNTS_TENANT_ID) {
      throw new OnBehalfError('ACCESS_DENIED', 'Microsoft Teams works only with work or school accounts; this is a personal Microsoft account. Sign in with a work or school account.');
    }
    const response = await ctx.fetch('/me?$select=id,userPrincipalName');
    if (!response.ok) {
      throw new OnBehalfError('PROVIDER_API_ERROR', `Microsoft Graph did not answer /me after consent (HTTP ${response.status}).`, { details: { status: response.status } });
    }
    const me = (await response.json()) as { id?: unknown; userPrincipalName?: unknown };
    return {
      ...(typeof me.id === 'string' ? { userId: me.id } : {}),
      ...(typeof me.userPrincipalName === 'string' ? { userPrincipalName: me.userPrincipalName } : {}),
      ...(tenantId ? { tenantId } : {}),
    };
  };
}

/**
 * The Microsoft identity platform (v2.0 endpoints), shared by every Microsoft Graph provider:
 * - `{tenant}` comes from the connection's `tenant` setting (default `common`);
 * - `offline_access` is always asked for, or no refresh token comes back;
 * - PKCE S256, client secret in the form body;
 * - refresh rotation is soft: every refresh returns a new refresh token and the old one is not
 *   revoked, so the newest is stored (the engine keeps whatever the answer carries); an unused
 *   refresh token dies after 90 days (AADSTS700082 → EXPIRED);
 * - there is no per-token revocation endpoint (`revokeSignInSessions` signs the person out of
 *   every app), so `revoke()` deletes the tokens locally and reports `revokedAtProvider: false`.
 */
export function microsoftOAuth(options: { scopes: string[]; workOrSchoolOnly?: boolean }): OAuth2Auth {
  return {
    type: 'oauth2',
    authorizationUrl: `${LOGIN}/authorize`,
    tokenUrl: `${LOGIN}/token`,
    defaultScopes: ['offline_access', 'User.Read', ...options.scopes],
    authorizationParams: { response_mode: 'query' },
    tokenEndpointAuthMethod: 'client_secret_post',
    normalizeTokenError: microsoftTokenError,
    afterConsent: afterConsent(options.workOrSchoolOnly ?? false),
    // Already read by afterConsent (Graph /me): the object id, and the user principal name to show.
    identity: ({ values }) => (values.userId ? { subject: values.userId, display: values.userPrincipalName ?? null } : undefined),
    accountValues: [
      { name: 'userId', label: 'Microsoft user id' },
      { name: 'userPrincipalName', label: 'User principal name' },
      { name: 'tenantId', label: 'Tenant id', pattern: '^[0-9a-fA-F-]{36}$' },
    ],
  };
}
