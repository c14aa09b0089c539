import { defineProviderModule } from '../../mock-api/index.ts';
import { hubspotDialect } from './hubspot-dialect.ts';
import { createHubspotMock } from './hubspot-mock.ts';

/**
 * HubSpot's CRM API (`https://api.hubapi.com`, here `/hubspot`). The 2026-03 token endpoint takes
 * a standard form body with the secret in it; its answers carry `hub_id` and a `scopes` array.
 */
export const hubspotProvider = defineProviderModule({
  id: 'hubspot',
  prefix: '/hubspot',
  realBase: 'https://api.hubapi.com',
  apiBasePath: '/hubspot',
  jsonType: 'application/json;charset=utf-8',
  createMock: createHubspotMock,
  dialect: hubspotDialect,
});
