import { defineProvider } from '../../providers/index.ts';
import { googleOAuth } from '../google/index.ts';

export const googleDrive = defineProvider({
  id: 'google_drive',
  name: 'Google Drive',
  docsUrl: 'https://developers.google.com/drive/api/guides/api-specific-auth',
  auth: googleOAuth(['https://www.googleapis.com/auth/drive.readonly']),
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/drive/v3/about?fields=user' } },
});
