/**
 * The `sub` of an ID token we stored earlier. It was validated by openid-client when it arrived,
 * so reading the payload without checking the signature again is enough to compare identities.
 */
export function idTokenSubject(idToken: string | null | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
