import { defineProvider } from '../../providers/index.ts';
import { googleOAuth, googleServiceAccount } from '../google/index.ts';

export const googleDrive = defineProvider({
  id: 'google_drive',
  name: 'Google Drive',
  docsUrl: 'https://developers.google.com/drive/api/guides/api-specific-auth',
  // OAuth for people who consent; a service account with domain-wide delegation for Workspace users who do not.
  auth: [googleOAuth(['https://www.googleapis.com/auth/drive.readonly']), googleServiceAccount(['https://www.googleapis.com/auth/drive.readonly'])],
  api: { baseUrl: 'https://www.googleapis.com', verify: { path: '/drive/v3/about?fields=user' } },
});
