import type { AfterConsentContext } from '../../providers/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NOTION_UUID_PATTERN = UUID.source;

/**
 * Notion's token answer names the connection itself: `bot_id` (Notion's recommended key for a
 * connection: one per install) and `workspace_id`. Both are kept on the account
 * (`values.botId`, `values.workspaceId`), so an app can tell two workspaces of one person
 * apart; no API call is needed. A value that is not a UUID is left out rather than trusted.
 */
export function notionIdentity({ tokenResponse }: AfterConsentContext): Record<string, string> {
  const values: Record<string, string> = {};
  if (typeof tokenResponse.bot_id === 'string' && UUID.test(tokenResponse.bot_id)) values.botId = tokenResponse.bot_id;
  if (typeof tokenResponse.workspace_id === 'string' && UUID.test(tokenResponse.workspace_id)) values.workspaceId = tokenResponse.workspace_id;
  return values;
}
