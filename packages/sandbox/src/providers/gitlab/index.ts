import { defineProviderModule } from '../../mock-api/index.ts';
import { createGitlabMock } from './gitlab-mock.ts';

/** GitLab's REST API v4 as on gitlab.com. No dialect: GitLab's OAuth (Doorkeeper) is plain OAuth 2.0 with PKCE. */
export const gitlabProvider = defineProviderModule({
  id: 'gitlab',
  prefix: '/gitlab',
  realBase: 'https://gitlab.com',
  apiBasePath: '/gitlab/api/v4',
  jsonType: 'application/json',
  createMock: createGitlabMock,
});
