import type { ToolDefinition } from '../tool-types.ts';
import { githubTools } from './github.ts';
import { gmailTools } from './gmail.ts';
import { googleCalendarTools } from './google-calendar.ts';
import { notionTools } from './notion.ts';
import { slackTools } from './slack.ts';

/** Every built-in tool, by provider id (`gmail`, `google_calendar`, `slack`, `github`, `notion`). */
export const builtInTools: readonly ToolDefinition[] = [...gmailTools, ...googleCalendarTools, ...slackTools, ...githubTools, ...notionTools];
