import { defineProviderModule } from '../../mock-api/index.ts';
import { createGmailMock } from './gmail-mock.ts';

/**
 * Gmail API v1. The mock keeps Gmail's real first path segment (`/gmail/v1/…`), and the catalog's
 * API base is the bare host, so a connection's API base is the sandbox origin itself.
 */
export const gmailProvider = defineProviderModule({
  id: 'gmail',
  prefix: '/gmail',
  realBase: 'https://gmail.googleapis.com/gmail',
  apiBasePath: '',
  jsonType: 'application/json; charset=UTF-8',
  createMock: createGmailMock,
});
