import { defineProvider } from '../../providers/index.ts';
import { googleOAuth } from '../google/index.ts';

export const gmail = defineProvider({
  id: 'gmail',
  name: 'Gmail',
  docsUrl: 'https://developers.google.com/gmail/api/auth/scopes',
  auth: googleOAuth(['https://www.googleapis.com/auth/gmail.readonly']),
  api: { baseUrl: 'https://gmail.googleapis.com', verify: { path: '/gmail/v1/users/me/profile' } },
});
