/**
 * Slack's oauth.v2.access answer, in the engine's shape. Slack answers errors with HTTP 200 and
 * `{ ok: false, error }`, separates scopes with commas, and one install may carry two tokens: the
 * bot token at the top level and the person's user token under `authed_user` (user scopes). With
 * token rotation on, each has its own `refresh_token` and `expires_in` (12 h); without it neither
 * expires and there is no refresh token.
 *
 * We act on behalf of a person, so the user token is the account's token when there is one and the
 * bot token rides along as the `bot` extra token (refreshed with it under the same lease, used by
 * tools that ask for `token: 'bot'`). A refresh answer has one token at the top level, its kind in
 * `token_type` (`user` or `bot`).
 */

/**
 * Slack's refresh and client failures, in the OAuth errors the engine maps to a status: a dead
 * refresh token is EXPIRED, a wrong client id or secret is ERROR. Code exchange failures
 * (`invalid_code`, `code_already_used`) keep Slack's own names, which the result page shows.
 */
const OAUTH_ERRORS: Record<string, string> = {
  invalid_refresh_token: 'invalid_grant',
  invalid_grant_type: 'unsupported_grant_type',
  invalid_client_id: 'invalid_client',
  bad_client_secret: 'invalid_client',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const spaced = (scope: unknown) => (typeof scope === 'string' ? scope.split(',').filter(Boolean).join(' ') : undefined);

/** The standard token fields of one of Slack's two tokens. */
function tokenFields(source: Record<string, unknown>): Record<string, unknown> {
  return {
    access_token: source.access_token,
    token_type: 'bearer',
    ...(spaced(source.scope) !== undefined ? { scope: spaced(source.scope) } : {}),
    ...(typeof source.refresh_token === 'string' ? { refresh_token: source.refresh_token } : {}),
    ...(source.expires_in !== undefined ? { expires_in: source.expires_in } : {}),
  };
}

export function normalizeSlackTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.ok === false) {
    const slackError = typeof raw.error === 'string' ? raw.error : 'slack_error';
    throw { error: OAUTH_ERRORS[slackError] ?? slackError, error_description: `Slack returned ${slackError}` };
  }
  const user = isRecord(raw.authed_user) && typeof raw.authed_user.access_token === 'string' ? raw.authed_user : undefined;
  // What afterConsent reads (ids only); incoming_webhook.url is a secret and is left out.
  const identity = {
    ...(isRecord(raw.team) ? { team: { id: raw.team.id, name: raw.team.name } } : {}),
    ...(isRecord(raw.enterprise) ? { enterprise: { id: raw.enterprise.id } } : {}),
    ...(typeof raw.bot_user_id === 'string' ? { bot_user_id: raw.bot_user_id } : {}),
    ...(typeof raw.app_id === 'string' ? { app_id: raw.app_id } : {}),
    ...(isRecord(raw.authed_user) && typeof raw.authed_user.id === 'string' ? { authed_user_id: raw.authed_user.id } : {}),
  };
  if (user) {
    const bot = typeof raw.access_token === 'string' ? { bot: tokenFields(raw) } : undefined;
    return { ...tokenFields(user), token_label: 'user', ...(bot ? { extra_tokens: bot } : {}), ...identity };
  }
  // A bot-only install, or a refresh answer (its token_type says which token it is). The sandbox
  // and other RFC 6749 servers send `bearer`: then the token has no label, and serves either use.
  const label = raw.token_type === 'user' || raw.token_type === 'bot' ? raw.token_type : undefined;
  return { ...tokenFields(raw), ...(label ? { token_label: label } : {}), ...identity };
}
