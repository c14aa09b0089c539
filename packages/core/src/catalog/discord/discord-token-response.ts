/**
 * Discord's token answer is standard OAuth 2.0 plus, after `webhook.incoming`, a `webhook` object
 * for the channel the person picked: `{ id, token, url, channel_id, guild_id, name, … }`. Its
 * `token` (also inside `url`) lets anyone post there, so it leaves the answer here: it is kept as
 * the `webhook` extra token, sealed with the account's credentials, and never in plain values.
 * The rest (ids, name) stays for afterConsent.
 */
export function normalizeDiscordTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  const { webhook, ...rest } = raw;
  if (typeof webhook !== 'object' || webhook === null) return rest;
  const { token, url: _url, ...info } = webhook as Record<string, unknown>;
  return {
    ...rest,
    webhook: info,
    ...(typeof token === 'string' && token !== '' ? { extra_tokens: { webhook: { access_token: token, token_type: 'webhook' } } } : {}),
  };
}
