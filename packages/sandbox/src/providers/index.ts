import { asanaProvider } from './asana/index.ts';
import { bitbucketProvider } from './bitbucket/index.ts';
import { discordProvider } from './discord/index.ts';
import { figmaProvider } from './figma/index.ts';
import { githubProvider } from './github/index.ts';
import { gitlabProvider } from './gitlab/index.ts';
import { gmailProvider } from './gmail/index.ts';
import { googleCalendarProvider } from './google_calendar/index.ts';
import { googleDriveProvider } from './google_drive/index.ts';
import { hubspotProvider } from './hubspot/index.ts';
import { jiraProvider } from './jira/index.ts';
import { linearProvider } from './linear/index.ts';
import { microsoftCalendarProvider, microsoftTeamsProvider, onedriveProvider, outlookProvider } from './microsoft/index.ts';
import { mondayProvider } from './monday/index.ts';
import { notionProvider } from './notion/index.ts';
import { salesforceProvider } from './salesforce/index.ts';
import { slackProvider } from './slack/index.ts';
import { trelloProvider } from './trello/index.ts';
import { vercelProvider } from './vercel/index.ts';
import { zendeskProvider } from './zendesk/index.ts';

/**
 * Every provider the sandbox stands in for, one module per `providers/<id>/` folder. The mock
 * host, the connections of `createProviderSandbox`, the mock URL table and the OIDC server's
 * dialect middleware are all derived from this list: adding a provider is adding its folder here.
 */
export const SANDBOX_PROVIDER_MODULES = [gmailProvider, googleCalendarProvider, googleDriveProvider, outlookProvider, microsoftCalendarProvider, onedriveProvider, microsoftTeamsProvider, slackProvider, discordProvider, githubProvider, figmaProvider, notionProvider, trelloProvider, jiraProvider, vercelProvider, hubspotProvider, zendeskProvider, salesforceProvider, asanaProvider, mondayProvider, linearProvider, gitlabProvider, bitbucketProvider] as const;

export type SandboxProviderModule = (typeof SANDBOX_PROVIDER_MODULES)[number];

/** A catalog provider id the sandbox serves: `'gmail' | 'google_calendar' | 'google_drive' | 'slack' | 'github' | 'notion' | 'trello'`. */
export type SandboxProviderId = SandboxProviderModule['id'];

export const SANDBOX_PROVIDERS: SandboxProviderId[] = SANDBOX_PROVIDER_MODULES.map((module) => module.id);
