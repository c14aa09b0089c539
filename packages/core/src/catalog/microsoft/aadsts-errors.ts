import type { TokenErrorVerdict, TokenEndpointError } from '../../providers/index.ts';

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

function aadstsCodes(error: TokenEndpointError): number[] {
  const listed = Array.isArray(error.body.error_codes) ? error.body.error_codes.filter((c): c is number => typeof c === 'number') : [];
  const described = [...(error.description ?? '').matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1]));
  return [...new Set([...listed, ...described])];
}

/** Maps the AADSTS code of a token endpoint error to the account status it calls for. */
export function classifyMicrosoftTokenError(error: TokenEndpointError): TokenErrorVerdict | undefined {
  for (const code of aadstsCodes(error)) {
    const client = CLIENT_ERRORS[code];
    if (client) return { kind: 'invalid_client', reason: client };
    const grant = EXPIRED_GRANT[code];
    if (grant) return { kind: 'invalid_grant', reason: grant };
  }
  return undefined;
}
