import type { ProviderDialect } from '../../mock-api/index.ts';

/**
 * Slack's authorize URL separates scopes with commas (`scope=chat:write,channels:read`), which
 * oidc-provider would read as one unknown scope; no other provider's scope contains a comma.
 */
export const slackDialect: ProviderDialect = {
  authorizationScope: (scope) => scope.split(/[\s,]+/).filter(Boolean).join(' '),
};
