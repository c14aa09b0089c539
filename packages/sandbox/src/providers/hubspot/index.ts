import { defineProviderModule } from '../../mock-api/index.ts';
import { createHubspotMock } from './hubspot-mock.ts';

/**
 * HubSpot's CRM API (`https://api.hubapi.com`, here `/hubspot`). No dialect: the 2026-03 token
 * endpoint takes a standard form body, and the sandbox accepts the secret there; the portal id
 * comes from the mock's account-info details, as it does for apps whose answers lack `hub_id`.
 */
export const hubspotProvider = defineProviderModule({
  id: 'hubspot',
  prefix: '/hubspot',
  realBase: 'https://api.hubapi.com',
  apiBasePath: '/hubspot',
  jsonType: 'application/json;charset=utf-8',
  createMock: createHubspotMock,
});
