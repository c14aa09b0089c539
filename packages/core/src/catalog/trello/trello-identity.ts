import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';
import { trelloApiErrorInfo } from './trello-api-error.ts';

/**
 * Who the account is, right after consent: `GET /1/members/me`, signed with the new token. The
 * member id is what Trello's member routes take (`/1/members/{id}/boards`); the username is for people.
 */
export async function trelloIdentity(context: AfterConsentContext): Promise<Record<string, string>> {
  const response = await context.fetch('/members/me');
  if (!response.ok) {
    const type = response.headers.get('content-type') ?? '';
    const said = trelloApiErrorInfo(/json/i.test(type) ? await response.json().catch(() => undefined) : (await response.text().catch(() => '')).slice(0, 200)).message;
    throw new OnBehalfError('PROVIDER_API_ERROR', `Trello did not say who the connected member is (HTTP ${response.status}${said ? `: ${said}` : ''}).`, { details: { provider: 'trello', status: response.status } });
  }
  const member = (await response.json()) as { id?: unknown; username?: unknown };
  return {
    ...(typeof member.id === 'string' ? { memberId: member.id } : {}),
    ...(typeof member.username === 'string' ? { username: member.username } : {}),
  };
}
