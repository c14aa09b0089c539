import { defineProviderModule } from '../../mock-api/index.ts';
import { createZendeskMock } from './zendesk-mock.ts';

/**
 * Zendesk Support (`https://{subdomain}.zendesk.com/api/v2`, here `/zendesk/api/v2`). No dialect:
 * the token requests are standard forms whose extra `expires_in` the OIDC server ignores (its own
 * lifetimes apply, and both grants answer with `expires_in`), and refresh tokens rotate as
 * Zendesk's do. Token ids and their deletion are not served: a sandbox revoke is local only.
 */
export const zendeskProvider = defineProviderModule({
  id: 'zendesk',
  prefix: '/zendesk',
  realBase: 'https://sandbox.zendesk.com',
  apiBasePath: '/zendesk/api/v2',
  jsonType: 'application/json; charset=utf-8',
  createMock: createZendeskMock,
});
