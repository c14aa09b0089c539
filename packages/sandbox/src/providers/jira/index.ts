import { defineProviderModule } from '../../mock-api/index.ts';
import { createJiraMock } from './jira-mock.ts';

/**
 * Jira Cloud behind Atlassian's gateway (`https://api.atlassian.com`): the sites a token covers at
 * `/oauth/token/accessible-resources`, each site's REST API under `/ex/jira/{cloudId}`. A
 * connection's API base keeps the `{cloudId}` placeholder, filled from the account after consent.
 * No dialect: Atlassian's `audience` and `prompt=consent` authorize parameters are plain OAuth.
 */
export const jiraProvider = defineProviderModule({
  id: 'jira',
  prefix: '/jira',
  realBase: 'https://api.atlassian.com',
  apiBasePath: '/jira/ex/jira/{cloudId}',
  jsonType: 'application/json;charset=UTF-8',
  createMock: createJiraMock,
});
