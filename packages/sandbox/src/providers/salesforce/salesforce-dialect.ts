import type { ProviderDialect } from '../../mock-api/index.ts';
import { SALESFORCE_MOCK_HOST, salesforceIds } from './salesforce-seed.ts';

/**
 * Salesforce's token answers carry no `expires_in` (a session lasts as long as the org's timeout:
 * clients introspect or wait for a 401), and name the org's instance and the identity URL. Applied
 * to the sandbox's Salesforce clients only: no request shape tells them apart.
 */
export const salesforceDialect: ProviderDialect = {
  tokenResponse(body, { clientId }) {
    const { expires_in: _expiresIn, ...rest } = body;
    const { orgId, userId } = salesforceIds(clientId);
    return {
      ...rest,
      instance_url: `https://${SALESFORCE_MOCK_HOST}`,
      id: `https://login.salesforce.com/id/${orgId}/${userId}`,
      issued_at: String(Date.now()),
      signature: Buffer.from(`${clientId}:${rest.access_token as string}`).toString('base64').slice(0, 44),
    };
  },
};
