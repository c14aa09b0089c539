import { defineMicrosoftProvider } from '../microsoft/index.ts';

/** Outlook mail through Microsoft Graph v1.0 (work/school and personal accounts). */
export const outlook = defineMicrosoftProvider({
  id: 'outlook',
  name: 'Outlook',
  description: 'Outlook mail (Microsoft 365 and Outlook.com) through Microsoft Graph: read, search, send and reply.',
  scopes: ['Mail.Read', 'Mail.Send'],
});
