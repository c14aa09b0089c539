import { defineProvider } from '../../providers/index.ts';

/** Linear. Its token method: personal API keys, sent in the Authorization header as they are, without "Bearer". */
export const linear = defineProvider({
  id: 'linear',
  name: 'Linear',
  docsUrl: 'https://linear.app/developers/graphql#personal-api-keys',
  auth: [{ type: 'api_key', header: 'Authorization', template: '{apiKey}', fields: [{ name: 'apiKey', label: 'Linear API key', required: true, secret: true }] }],
  api: { baseUrl: 'https://api.linear.app', verify: { method: 'POST', path: '/graphql' } },
});
