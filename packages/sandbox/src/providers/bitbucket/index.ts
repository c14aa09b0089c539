import { defineProviderModule } from '../../mock-api/index.ts';
import { bitbucketDialect } from './bitbucket-dialect.ts';
import { createBitbucketMock } from './bitbucket-mock.ts';

/** Bitbucket Cloud's REST API 2.0 (`https://api.bitbucket.org/2.0`); its token answers say `scopes`. */
export const bitbucketProvider = defineProviderModule({
  id: 'bitbucket',
  prefix: '/bitbucket',
  realBase: 'https://api.bitbucket.org',
  apiBasePath: '/bitbucket/2.0',
  jsonType: 'application/json; charset=utf-8',
  createMock: createBitbucketMock,
  dialect: bitbucketDialect,
});
