import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/**
 * Figma's token answer carries the person's id (`user_id_string`; the numeric `user_id` is too
 * large for JSON numbers and deprecated): kept as `values.userId`. An answer without it (an
 * authorization server standing in for Figma) is completed from `GET /v1/me`.
 */
export async function figmaIdentity({ tokenResponse, fetch }: AfterConsentContext): Promise<Record<string, string>> {
  if (typeof tokenResponse.user_id_string === 'string' && tokenResponse.user_id_string !== '') return { userId: tokenResponse.user_id_string };
  const response = await fetch('/v1/me');
  const me = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined;
  if (!response.ok || typeof me?.id !== 'string') {
    throw new OnBehalfError('PROVIDER_API_ERROR', `Figma did not say whose token this is (GET /v1/me answered HTTP ${response.status}).`, { details: { provider: 'figma', status: response.status } });
  }
  return { userId: me.id };
}
