import type { Provider } from '../providers/index.ts';
import type { ToolDefinition, Toolkit } from '../tools/index.ts';
import { asanaToolkit } from './asana/index.ts';
import { bitbucketToolkit } from './bitbucket/index.ts';
import { discordToolkit } from './discord/index.ts';
import { figmaToolkit } from './figma/index.ts';
import { githubToolkit } from './github/index.ts';
import { gitlabToolkit } from './gitlab/index.ts';
import { gmailToolkit } from './gmail/index.ts';
import { googleCalendarToolkit } from './google_calendar/index.ts';
import { googleDriveToolkit } from './google_drive/index.ts';
import { hubspotToolkit } from './hubspot/index.ts';
import { jiraToolkit } from './jira/index.ts';
import { linearToolkit } from './linear/index.ts';
import { microsoftCalendarToolkit } from './microsoft_calendar/index.ts';
import { microsoftTeamsToolkit } from './microsoft_teams/index.ts';
import { mondayToolkit } from './monday/index.ts';
import { notionToolkit } from './notion/index.ts';
import { onedriveToolkit } from './onedrive/index.ts';
import { outlookToolkit } from './outlook/index.ts';
import { salesforceToolkit } from './salesforce/index.ts';
import { slackToolkit } from './slack/index.ts';
import { trelloToolkit } from './trello/index.ts';
import { vercelToolkit } from './vercel/index.ts';
import { zendeskToolkit } from './zendesk/index.ts';

/** The built-in catalog, one toolkit per provider folder; everything else is derived from this list. */
export const builtInToolkits: readonly Toolkit[] = [
  gmailToolkit,
  googleCalendarToolkit,
  googleDriveToolkit,
  outlookToolkit,
  microsoftCalendarToolkit,
  onedriveToolkit,
  microsoftTeamsToolkit,
  slackToolkit,
  discordToolkit,
  githubToolkit,
  gitlabToolkit,
  bitbucketToolkit,
  figmaToolkit,
  notionToolkit,
  jiraToolkit,
  vercelToolkit,
  linearToolkit,
  asanaToolkit,
  mondayToolkit,
  trelloToolkit,
  hubspotToolkit,
  zendeskToolkit,
  salesforceToolkit,
];

export const builtInProviders: readonly Provider[] = builtInToolkits.map((toolkit) => toolkit.provider);

export const builtInTools: readonly ToolDefinition[] = builtInToolkits.flatMap((toolkit) => toolkit.tools);
