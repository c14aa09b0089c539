import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext, RevokeContext } from '../../providers/index.ts';

/**
 * HubSpot's token answers (`/oauth/2026-03/token`) are standard except that the granted scopes come
 * as a `scopes` array (optional scopes the portal has included); `hub_id` (the portal) is kept for
 * `afterConsent`.
 */
export function normalizeHubspotTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  const normalized: Record<string, unknown> = { ...raw };
  if (typeof raw.scope !== 'string' && Array.isArray(raw.scopes)) normalized.scope = raw.scopes.filter((s) => typeof s === 'string').join(' ');
  delete normalized.scopes;
  return normalized;
}

/**
 * HubSpot answers a dead refresh token with HTTP 400 and its own shapes, never OAuth's `error`:
 * `{ status: 'BAD_REFRESH_TOKEN', message }` (v1 and migrated apps) or
 * `{ category: 'VALIDATION_ERROR', subCategory: 'INVALID_TOKEN', message }` (2026-03). Both mean
 * the grant is gone (the app was uninstalled, or the token revoked): `invalid_grant`.
 */
export function hubspotTokenError(raw: Record<string, unknown>): { error: string; error_description?: string } | undefined {
  if (typeof raw.error === 'string') return undefined;
  const description = typeof raw.message === 'string' ? raw.message : undefined;
  const dead = raw.status === 'BAD_REFRESH_TOKEN' || raw.status === 'BAD_AUTH_CODE' || raw.subCategory === 'INVALID_TOKEN' || raw.subCategory === 'INVALID_AUTHORIZATION_CODE';
  if (dead) return { error: 'invalid_grant', ...(description ? { error_description: description } : {}) };
  if (raw.status === 'BAD_CLIENT_ID' || raw.status === 'BAD_CLIENT_SECRET' || raw.subCategory === 'INVALID_CLIENT') return { error: 'invalid_client', ...(description ? { error_description: description } : {}) };
  if (typeof raw.status === 'string' || typeof raw.category === 'string') return { error: 'invalid_request', ...(description ? { error_description: description } : {}) };
  return undefined;
}

const PORTAL_ID = /^\d{1,20}$/;

/**
 * The portal (hub) the person installed the app in: `hub_id` of the token answer (sent since
 * 2025-08), else `GET /account-info/v3/details`. Stored as the account's `portalId` (not secret):
 * HubSpot shares one refresh token between every connection to a portal, so it tells them apart.
 */
export async function hubspotAfterConsent(ctx: AfterConsentContext): Promise<Record<string, string>> {
  const fromToken = ctx.tokenResponse.hub_id;
  if (fromToken !== undefined && PORTAL_ID.test(String(fromToken))) return { portalId: String(fromToken) };
  const response = await ctx.fetch('/account-info/v3/details');
  const details = response.ok ? ((await response.json()) as { portalId?: unknown }) : undefined;
  if (details?.portalId === undefined || !PORTAL_ID.test(String(details.portalId))) {
    throw new OnBehalfError('OAUTH_ERROR', `HubSpot did not say which portal was connected (account details answered HTTP ${response.status}).`, { details: { provider: 'hubspot', status: response.status } });
  }
  return { portalId: String(details.portalId) };
}

/**
 * HubSpot gives every connection of one app to one portal the same refresh token, and revoking it
 * (`POST /oauth/2026-03/token/revoke`, formerly `DELETE /oauth/v1/refresh-tokens/{token}`) ends
 * all of them. So by default `revoke()` leaves HubSpot alone: the account's tokens are deleted
 * here (`revokedAtProvider: false`), other accounts on the portal keep working, and the portal's
 * admin uninstalls the app in HubSpot to end them all. A connection that wants the refresh token
 * revoked at HubSpot says so by naming the endpoint: `endpoints.revocationUrl`.
 */
export async function hubspotRevoke(ctx: RevokeContext): Promise<boolean> {
  if (!ctx.revocationUrl || !ctx.refreshToken) return false;
  const body = new URLSearchParams({ token: ctx.refreshToken, token_type_hint: 'refresh_token' });
  if (ctx.clientId) body.set('client_id', ctx.clientId);
  if (ctx.clientSecret) body.set('client_secret', ctx.clientSecret);
  const response = await ctx.fetch(ctx.revocationUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return response.ok;
}
