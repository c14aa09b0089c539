import { defineProviderModule } from '../../mock-api/index.ts';
import { createLinearMock } from './linear-mock.ts';

/**
 * Linear's GraphQL API: the catalog's API base is `https://api.linear.app` (tools post to
 * `/graphql`), here `/linear`. No dialect of its own: its comma-separated authorize scopes are
 * read like Slack's, and its form-only token endpoint is standard OAuth.
 */
export const linearProvider = defineProviderModule({
  id: 'linear',
  prefix: '/linear',
  realBase: 'https://api.linear.app',
  apiBasePath: '/linear',
  jsonType: 'application/json; charset=utf-8',
  createMock: createLinearMock,
});
