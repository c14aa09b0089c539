import { defineMicrosoftProvider } from '../microsoft/index.ts';

/** OneDrive (personal and for Business) through Microsoft Graph v1.0: `/me/drive` works for both. */
export const onedrive = defineMicrosoftProvider({
  id: 'onedrive',
  name: 'OneDrive',
  description: 'OneDrive files through Microsoft Graph: search and list files, read small text files, upload small files.',
  scopes: ['Files.ReadWrite'],
  verifyPath: '/me/drive',
});
