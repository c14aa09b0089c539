import { defineMicrosoftProvider } from '../microsoft/index.ts';

/** Outlook / Microsoft 365 calendars through Microsoft Graph v1.0. */
export const microsoftCalendar = defineMicrosoftProvider({
  id: 'microsoft_calendar',
  name: 'Microsoft Calendar',
  description: 'Outlook and Microsoft 365 calendars through Microsoft Graph: events in a range, create and update events, free time.',
  scopes: ['Calendars.ReadWrite'],
});
