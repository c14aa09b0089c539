import { defineProviderModule } from '../../mock-api/index.ts';
import { createFigmaMock } from './figma-mock.ts';

/**
 * Figma REST API: the catalog's API base is `https://api.figma.com` (tools call `/v1/…`), here
 * `/figma`. No dialect of its own: its comma-separated scopes are read like Slack's, and its
 * HTTP Basic client authentication is what the OIDC server takes anyway.
 */
export const figmaProvider = defineProviderModule({
  id: 'figma',
  prefix: '/figma',
  realBase: 'https://api.figma.com',
  apiBasePath: '/figma',
  jsonType: 'application/json; charset=utf-8',
  createMock: createFigmaMock,
});
