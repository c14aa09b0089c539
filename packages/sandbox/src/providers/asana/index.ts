import { defineProviderModule } from '../../mock-api/index.ts';
import { createAsanaMock } from './asana-mock.ts';

/**
 * Asana's REST API: the catalog's API base is `https://app.asana.com/api/1.0`, here
 * `/asana/api/1.0`. No dialect of its own: Asana's token endpoint is standard OAuth (form body,
 * PKCE); the `data` user object of its token answers is not reproduced, so the catalog's Asana
 * definition reads the user from `GET /users/me` instead, which this mock serves.
 */
export const asanaProvider = defineProviderModule({
  id: 'asana',
  prefix: '/asana',
  realBase: 'https://app.asana.com',
  apiBasePath: '/asana/api/1.0',
  jsonType: 'application/json; charset=utf-8',
  createMock: createAsanaMock,
});
