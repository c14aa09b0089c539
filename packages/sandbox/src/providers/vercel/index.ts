import { defineProviderModule } from '../../mock-api/index.ts';
import { createVercelMock } from './vercel-mock.ts';

/** Vercel's REST API (`https://api.vercel.com`). No dialect: its OAuth server is plain OAuth 2.0 with PKCE. */
export const vercelProvider = defineProviderModule({
  id: 'vercel',
  prefix: '/vercel',
  realBase: 'https://api.vercel.com',
  apiBasePath: '/vercel',
  jsonType: 'application/json; charset=utf-8',
  createMock: createVercelMock,
});
