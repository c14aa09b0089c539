import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/**
 * Asana's token answer names the person who consented as `data: { id, gid, name, email }`: their
 * user gid is kept on the account (`values.userGid`), so an app knows whose Asana this is without
 * another request. An answer without it is not Asana's and refuses the connection.
 */
export function asanaUserFromTokenResponse({ tokenResponse }: AfterConsentContext): Record<string, string> {
  const data = tokenResponse.data as { gid?: unknown; id?: unknown } | undefined;
  const gid = typeof data?.gid === 'string' ? data.gid : typeof data?.id === 'number' || typeof data?.id === 'string' ? String(data.id) : undefined;
  if (!gid || !/^\d{1,24}$/.test(gid)) throw new OnBehalfError('PROVIDER_API_ERROR', 'Asana answered the code exchange without the user it was for (data.gid).', { details: { provider: 'asana' } });
  return { userGid: gid };
}
