import type { ProviderDialect } from '../../mock-api/index.ts';

/**
 * Slack's authorize URL separates scopes with commas (`scope=chat:write,channels:read`), which
 * oidc-provider would read as one unknown scope; no other provider's scope contains a comma.
 * PKCE is an opt-in setting of a Slack app, so Slack's clients may leave it out. Its token
 * answers say `ok: true`, as every Slack Web API answer does.
 */
export const slackDialect: ProviderDialect = {
  authorizationScope: (scope) => scope.split(/[\s,]+/).filter(Boolean).join(' '),
  pkceOptional: true,
  tokenResponse: (body) => ({ ok: true, ...body, ...(typeof body.scope === 'string' ? { scope: body.scope.split(' ').join(',') } : {}) }),
};
