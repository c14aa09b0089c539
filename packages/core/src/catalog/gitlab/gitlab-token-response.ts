/** Every GitLab OAuth access token expires 2 hours after it was created (since GitLab 15.0). */
const LIFETIME_SECONDS = 7200;

/**
 * GitLab's token answer as RFC 6749 has it. Some versions send no `expires_in`; the token still
 * expires 2 hours after its `created_at` (unix seconds), so that is its expiry rather than "never",
 * which would leave a dead token in use until the first 401.
 */
export function gitlabTokenResponse(raw: Record<string, unknown>): Record<string, unknown> {
  if (typeof raw.access_token !== 'string' || typeof raw.expires_in === 'number') return raw;
  const created = typeof raw.created_at === 'number' ? raw.created_at : Math.floor(Date.now() / 1000);
  return { ...raw, expires_in: Math.max(0, created + LIFETIME_SECONDS - Math.floor(Date.now() / 1000)) };
}
