import { defineProviderModule } from '../../mock-api/index.ts';
import { salesforceDialect } from './salesforce-dialect.ts';
import { createSalesforceMock } from './salesforce-mock.ts';

/**
 * Salesforce's REST API of one sandbox org per user. A connection's API base is
 * `/salesforce/services/data/v64.0` (what the catalog builds from the captured instance host);
 * the token answers of its clients are shaped like Salesforce's (no `expires_in`, `instance_url`).
 */
export const salesforceProvider = defineProviderModule({
  id: 'salesforce',
  prefix: '/salesforce',
  realBase: 'https://sandbox.my.salesforce.com',
  apiBasePath: '/salesforce/services/data/v64.0',
  jsonType: 'application/json;charset=UTF-8',
  createMock: createSalesforceMock,
  dialect: salesforceDialect,
});
