import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/** The user and the monday.com account (workspace tenant) a token belongs to. */
export const MONDAY_IDENTITY_QUERY = 'query Identity { me { id account { id slug } } }';

/**
 * monday's token answer carries no account: one GraphQL call after consent reads the user and
 * the account (`values.userId`, `values.accountId`, `values.accountSlug`, the `{slug}.monday.com`
 * of its links). The call carries the toolkit's `API-Version` header like every other.
 */
export async function mondayIdentity({ fetch }: AfterConsentContext): Promise<Record<string, string>> {
  const response = await fetch('/v2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: MONDAY_IDENTITY_QUERY }) });
  const answer = (await response.json().catch(() => undefined)) as { data?: { me?: { id?: unknown; account?: { id?: unknown; slug?: unknown } } | null } } | undefined;
  const me = answer?.data?.me;
  const id = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  const userId = id(me?.id);
  const accountId = id(me?.account?.id);
  if (!response.ok || !userId || !accountId) {
    throw new OnBehalfError('PROVIDER_API_ERROR', `monday.com did not say which account this token is for (HTTP ${response.status}).`, { details: { provider: 'monday', status: response.status } });
  }
  return { userId, accountId, ...(typeof me?.account?.slug === 'string' ? { accountSlug: me.account.slug } : {}) };
}
