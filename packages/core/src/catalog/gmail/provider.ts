import { defineProvider } from '../../providers/index.ts';
import { googleOAuth, googleServiceAccount } from '../google/index.ts';

export const gmail = defineProvider({
  id: 'gmail',
  name: 'Gmail',
  docsUrl: 'https://developers.google.com/gmail/api/auth/scopes',
  // OAuth for people who consent; a service account with domain-wide delegation for Workspace users who do not.
  auth: [googleOAuth(['https://www.googleapis.com/auth/gmail.readonly']), googleServiceAccount(['https://www.googleapis.com/auth/gmail.readonly'])],
  api: { baseUrl: 'https://gmail.googleapis.com', verify: { path: '/gmail/v1/users/me/profile' } },
});
