/**
 * The identity platform's token errors carry `error_codes: [70008]` and an `AADSTS70008: …`
 * description besides the OAuth `error`. The OAuth error alone is right for most of them
 * (`invalid_grant` → EXPIRED), but an expired client secret arrives as `invalid_client` like a
 * wrong one, and it breaks every account of the app at once: its reason must say so, so that the
 * operator renews the secret instead of asking every user to reconnect.
 */
const EXPIRED_GRANT: Record<number, string> = {
  70008: 'the refresh token expired (AADSTS70008: unused for too long); the person must reconnect',
  700082: 'the refresh token expired after 90 days without use (AADSTS700082); the person must reconnect',
  50173: 'the grant was revoked (AADSTS50173: password change or admin revocation); the person must reconnect',
  70043: 'the sign-in frequency policy of the tenant requires a new sign-in (AADSTS70043); the person must reconnect',
  65001: 'consent for the requested permissions is missing (AADSTS65001); the person (or a tenant admin) must consent again',
  50076: 'the tenant requires multi-factor authentication again (AADSTS50076); the person must reconnect',
};

const CLIENT_ERRORS: Record<number, string> = {
  7000222: "the app's client secret has expired (AADSTS7000222): create a new secret in the app registration (Certificates & secrets) and update the connection's clientSecret; every account of this connection fails until then",
  7000215: "the connection's client secret is not a valid secret of the app (AADSTS7000215): use the secret's value, not its id",
  700016: 'the app (client id) was not found in the tenant (AADSTS700016): check the connection\'s clientId and tenant',
};

function aadstsCodes(raw: Record<string, unknown>): number[] {
  const listed = Array.isArray(raw.error_codes) ? raw.error_codes.filter((c): c is number => typeof c === 'number') : [];
  const description = typeof raw.error_description === 'string' ? raw.error_description : '';
  const described = [...description.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  return [...new Set([...listed, ...described])];
}

/**
 * The identity platform's token error read by its AADSTS code (the `normalizeTokenError` hook):
 * `invalid_grant` (EXPIRED) or `invalid_client` (ERROR) with a description that says what
 * happened and who must act; undefined leaves the answer as it is.
 */
export function microsoftTokenError(raw: Record<string, unknown>): { error: string; error_description: string } | undefined {
  for (const code of aadstsCodes(raw)) {
    const client = CLIENT_ERRORS[code];
    if (client) return { error: 'invalid_client', error_description: client };
    const grant = EXPIRED_GRANT[code];
    if (grant) return { error: 'invalid_grant', error_description: grant };
  }
  return undefined;
}
