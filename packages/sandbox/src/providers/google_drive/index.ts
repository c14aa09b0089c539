import { defineProviderModule } from '../../mock-api/index.ts';
import { createGoogleDriveMock } from './google-drive-mock.ts';

/**
 * Google Drive API v3, mounted like Gmail: the real paths (`/drive/v3/…`, and the media upload
 * path `/upload/drive/v3/…`) on the sandbox origin.
 */
export const googleDriveProvider = defineProviderModule({
  id: 'google_drive',
  prefix: '/drive',
  realBase: 'https://www.googleapis.com/drive',
  alsoServes: [{ prefix: '/upload/drive', realBase: 'https://www.googleapis.com/upload/drive' }],
  apiBasePath: '',
  jsonType: 'application/json; charset=UTF-8',
  createMock: createGoogleDriveMock,
});
