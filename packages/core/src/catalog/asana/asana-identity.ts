import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

const GID = /^\d{1,24}$/;

const gidOf = (user: unknown): string | undefined => {
  const { gid, id } = (user ?? {}) as { gid?: unknown; id?: unknown };
  const value = typeof gid === 'string' ? gid : typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
  return value && GID.test(value) ? value : undefined;
};

/**
 * Asana's token answer names the person who consented as `data: { id, gid, name, email }`: their
 * user gid is kept on the account (`values.userGid`), so an app knows whose Asana this is. An
 * answer without it (an OpenID Connect flow, a server that leaves it out) costs one
 * `GET /users/me`; a token that cannot read its own user refuses the connection.
 */
export async function asanaUserFromTokenResponse({ tokenResponse, fetch }: AfterConsentContext): Promise<Record<string, string>> {
  const fromToken = gidOf(tokenResponse.data);
  if (fromToken) return { userGid: fromToken };
  const response = await fetch('/users/me');
  const answer = (await response.json().catch(() => undefined)) as { data?: unknown } | undefined;
  const gid = response.ok ? gidOf(answer?.data) : undefined;
  if (!gid) throw new OnBehalfError('PROVIDER_API_ERROR', `Asana did not say which user this token is for (HTTP ${response.status}).`, { details: { provider: 'asana', status: response.status } });
  return { userGid: gid };
}
