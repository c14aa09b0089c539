import { seededRandom } from '../../mock-api/index.ts';

/**
 * The sandbox portal (hub) id of a user: derived from the user alone, so the token endpoint's
 * `hub_id` and the mock's account-info details agree without sharing state.
 */
export function hubspotPortalId(sub: string): number {
  return 40_000_000 + seededRandom('hubspot-portal', sub).int(0, 9_999_999);
}
