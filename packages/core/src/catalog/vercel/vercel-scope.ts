import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/**
 * After consent: who the person is at Vercel, and which team the tools act in when the link named
 * one (`fields: { team: 'acme' }`, the team's slug). A slug the person does not belong to is
 * refused with the teams they have, rather than silently acting in their personal scope.
 */
export async function chooseVercelScope({ fetch, values }: AfterConsentContext): Promise<Record<string, string>> {
  const me = await fetch('/v2/user');
  if (!me.ok) throw new OnBehalfError('PROVIDER_API_ERROR', `Vercel did not say who signed in (HTTP ${me.status}).`, { retryable: me.status >= 500, details: { provider: 'vercel', status: me.status } });
  const { user } = (await me.json()) as { user?: { id?: string; uid?: string } };
  const userId = user?.id ?? user?.uid;
  const captured: Record<string, string> = userId ? { userId } : {};
  if (!values.team) return captured;
  const listed = await fetch('/v2/teams?limit=100');
  if (!listed.ok) throw new OnBehalfError('PROVIDER_API_ERROR', `Vercel did not list the teams of this account (HTTP ${listed.status}).`, { retryable: listed.status >= 500, details: { provider: 'vercel', status: listed.status } });
  const { teams = [] } = (await listed.json()) as { teams?: Array<{ id: string; slug: string }> };
  const team = teams.find((t) => t.slug === values.team);
  if (!team) {
    throw new OnBehalfError('INVALID_INPUT', `This Vercel account is not a member of the team '${values.team}' (its teams: ${teams.map((t) => t.slug).join(', ') || 'none'}).`, { details: { provider: 'vercel' } });
  }
  return { ...captured, teamId: team.id };
}
