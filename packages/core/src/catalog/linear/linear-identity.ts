import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/** Who the token acts as and in which workspace (with `actor=app`, the viewer is the app's own user). */
export const LINEAR_IDENTITY_QUERY = 'query Identity { viewer { id } organization { id urlKey } }';

/**
 * Linear's token answer names neither the workspace nor the user: one GraphQL call after consent
 * reads both, stored as `values.organizationId`, `values.organizationUrlKey` and `values.viewerId`
 * (a person may connect several workspaces, each its own account).
 */
export async function linearIdentity({ fetch }: AfterConsentContext): Promise<Record<string, string>> {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LINEAR_IDENTITY_QUERY }) });
  const answer = (await response.json().catch(() => undefined)) as { data?: { viewer?: { id?: unknown }; organization?: { id?: unknown; urlKey?: unknown } } } | undefined;
  const viewerId = answer?.data?.viewer?.id;
  const organizationId = answer?.data?.organization?.id;
  const urlKey = answer?.data?.organization?.urlKey;
  if (!response.ok || typeof viewerId !== 'string' || typeof organizationId !== 'string') {
    throw new OnBehalfError('PROVIDER_API_ERROR', `Linear did not say which workspace this token is for (HTTP ${response.status}).`, { details: { provider: 'linear', status: response.status } });
  }
  return { organizationId, viewerId, ...(typeof urlKey === 'string' ? { organizationUrlKey: urlKey } : {}) };
}
