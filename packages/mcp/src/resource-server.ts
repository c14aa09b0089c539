import { bearerAuthChallengeResponse, OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';

/** What the app's token check says about a valid access token. */
export interface VerifiedToken {
  /** The onbehalf identifier the token stands for: the only source of "who" on this server. */
  identifier: string;
  /** The scopes the token grants; checked against `requiredScopes`. */
  scopes?: string[];
  /**
   * The token's audience (`aud`, one value or several). When given, it must name this server's
   * `resource` (RFC 8707), so a token minted for another API is refused here.
   */
  audience?: string | string[];
}

/** The app's check of a bearer token (its own identity provider's): null for an unknown, expired or revoked token. */
export type VerifyToken = (bearer: string) => VerifiedToken | null | undefined | Promise<VerifiedToken | null | undefined>;

export interface ResourceServerOptions {
  verifyToken: VerifyToken;
  /** This server's RFC 8707 resource identifier (its public URL). */
  resource: URL;
  /** Scopes every request's token must carry (403 insufficient_scope otherwise). */
  requiredScopes: string[];
  /** Where the Protected Resource Metadata is served, named in every challenge. */
  resourceMetadataUrl: string;
}

/** The caller behind a request, once its token passed every check. */
export interface Principal {
  identifier: string;
  scopes: string[];
  token: string;
}

// RFC 8707 identifiers compare as URLs without a fragment; one trailing slash is not a difference.
const canonical = (value: string): string => {
  try {
    const url = new URL(value);
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return value;
  }
};

/**
 * The OAuth 2.1 resource-server gate of the MCP endpoint: a Bearer token from the Authorization
 * header only (never the query, as the MCP authorization spec requires), checked by the app's
 * `verifyToken`, its audience against `resource`, its scopes against `requiredScopes`. Answers the
 * principal, or the challenge response (401 invalid_token / 403 insufficient_scope with
 * `WWW-Authenticate: Bearer resource_metadata=…`) the SDK formats.
 */
export function createResourceServer(options: ResourceServerOptions): (request: Request) => Promise<Principal | Response> {
  const { verifyToken, requiredScopes, resourceMetadataUrl } = options;
  const resource = canonical(options.resource.href);
  const challenge = (code: OAuthErrorCode, message: string) =>
    bearerAuthChallengeResponse(new OAuthError(code, message), { resourceMetadataUrl, ...(requiredScopes.length > 0 ? { requiredScopes } : {}) });

  return async (request) => {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
    if (!match) return challenge(OAuthErrorCode.InvalidToken, header === '' ? 'An access token is required.' : 'The Authorization header must carry a Bearer token.');
    const token = match[1]!;
    let verified: VerifiedToken | null | undefined;
    try {
      verified = await verifyToken(token);
    } catch {
      // The app's identity provider failed (outage, bug): not the client's fault, and nothing of the
      // error (which may quote the token) goes into the answer.
      return Response.json({ error: 'server_error', error_description: 'The access token could not be checked.' }, { status: 500 });
    }
    if (!verified || typeof verified.identifier !== 'string' || verified.identifier === '') {
      return challenge(OAuthErrorCode.InvalidToken, 'The access token is invalid or has expired.');
    }
    if (verified.audience !== undefined) {
      const audiences = (Array.isArray(verified.audience) ? verified.audience : [verified.audience]).map(canonical);
      if (!audiences.includes(resource)) return challenge(OAuthErrorCode.InvalidToken, 'The access token was not issued for this server.');
    }
    const scopes = verified.scopes ?? [];
    const missing = requiredScopes.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) return challenge(OAuthErrorCode.InsufficientScope, `The access token lacks the scopes ${missing.join(' ')}.`);
    return { identifier: verified.identifier, scopes, token };
  };
}
