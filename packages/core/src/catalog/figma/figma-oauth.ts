/**
 * Figma's token and refresh endpoints answer failures as `{ error: true, status: 400, message }`
 * (its REST error shape), never OAuth's `error` code. A refused client (its id or secret) is
 * `invalid_client`; every other 400 there is about the code or refresh token the request carried
 * (expired, revoked, already used), which ends the grant: `invalid_grant`.
 */
export function figmaTokenError(raw: Record<string, unknown>): { error: string; error_description?: string } | undefined {
  if (typeof raw.error === 'string' || raw.error !== true) return undefined;
  const description = typeof raw.message === 'string' ? raw.message : undefined;
  const client = description !== undefined && /client/i.test(description);
  return { error: client ? 'invalid_client' : 'invalid_grant', ...(description ? { error_description: description } : {}) };
}
