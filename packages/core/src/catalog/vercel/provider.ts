import { defineProvider } from '../../providers/index.ts';

/** Vercel. Its token method: access tokens created in the account settings, sent as plain bearer tokens. */
export const vercel = defineProvider({
  id: 'vercel',
  name: 'Vercel',
  docsUrl: 'https://vercel.com/docs/rest-api#creating-an-access-token',
  auth: [{ type: 'bearer', fields: [{ name: 'token', label: 'Vercel access token', required: true, secret: true }] }],
  api: { baseUrl: 'https://api.vercel.com', verify: { path: '/v2/user' } },
});
