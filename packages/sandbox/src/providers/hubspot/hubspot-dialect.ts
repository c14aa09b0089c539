import type { ProviderDialect } from '../../mock-api/index.ts';
import { hubspotPortalId } from './hubspot-portal.ts';

/**
 * HubSpot's token answers (both grants) name the portal as `hub_id` and list the granted scopes as
 * a `scopes` array instead of OAuth's `scope` string.
 */
export const hubspotDialect: ProviderDialect = {
  tokenResponse(body, { sub }) {
    const { scope, ...rest } = body;
    return {
      ...rest,
      ...(sub ? { hub_id: hubspotPortalId(sub) } : {}),
      scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
    };
  },
};
