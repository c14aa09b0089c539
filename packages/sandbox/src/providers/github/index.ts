import { defineProviderModule } from '../../mock-api/index.ts';
import { createGithubMock } from './github-mock.ts';

/**
 * GitHub REST API. No dialect: GitHub's authorization requests are plain RFC 6749, and that they
 * may carry no scope at all is handled for every provider by the OIDC server (see dialect-middleware.ts).
 */
export const githubProvider = defineProviderModule({
  id: 'github',
  prefix: '/github',
  realBase: 'https://api.github.com',
  apiBasePath: '/github',
  jsonType: 'application/json; charset=utf-8',
  createMock: createGithubMock,
});
