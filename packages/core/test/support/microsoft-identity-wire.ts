import { startWireServer, type WireAnswer, type WireRequest, type WireRoutes, type WireServer } from './provider-wire-server.ts';

/**
 * The Microsoft identity platform (v2.0 endpoints) and Graph's `/me`, as Microsoft documents them
 * (learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow, refresh-tokens,
 * reference-error-codes), on a wire server laid out as `onWire` moves the catalog's URLs:
 * `POST /login.microsoftonline.com/{tenant}/oauth2/v2.0/token`, `GET /graph.microsoft.com/v1.0/me`.
 * - the tenant is the first path segment after the host; only the tenants given are served;
 * - the client secret travels in the form body, PKCE S256 is checked against the code's challenge;
 * - a refresh token comes only with `offline_access`;
 * - every refresh answers a new refresh token and the old one keeps working (soft rotation);
 * - errors carry `error_codes` and an `AADSTS…` description next to the OAuth `error`;
 * - access tokens are JWTs with the tenant's `tid` (work/school accounts).
 */
export const TENANT_ID = 'b33cbe9f-8ebe-4f2a-912b-7e2a427f477f';
export const CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';
export const CLIENT_SECRET = 'qWgdYAmab0YSkuL1qKv5bPX~s_7Mh6kRrs0ig2Y';
export const GRAPH_ME = '/graph.microsoft.com/v1.0/me';

export interface MicrosoftWire {
  server: WireServer;
  /** Token requests of one tenant (`POST /login.microsoftonline.com/{tenant}/oauth2/v2.0/token`). */
  tokenRequests(tenant: string): WireRequest[];
  /** Refresh tokens Microsoft still accepts (all it issued: rotation is soft). */
  liveRefreshTokens: Set<string>;
  /** Access tokens Graph answers 401 for, as after a revocation of the session elsewhere. */
  rejectedAccessTokens: Set<string>;
  /** The next refresh grant answers this AADSTS error instead of tokens. */
  failNextRefresh(error: AadstsError): void;
  /** The `tid` the next code exchange's access token carries (the personal-accounts tenant for an MSA). */
  nextTenantId: string;
  close(): Promise<void>;
}

export interface AadstsError {
  status: number;
  error: string;
  code: number;
  description: string;
}

/** The three errors the lifecycle tests need, worded as Microsoft words them. */
export const AADSTS = {
  idleRefreshToken: { status: 400, error: 'invalid_grant', code: 700082, description: "AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2025-01-10T10:00:00.0000000Z and was inactive for 90.00:00:00." },
  expiredClientSecret: { status: 401, error: 'invalid_client', code: 7000222, description: `AADSTS7000222: The provided client secret keys for app '${CLIENT_ID}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.` },
  badCode: { status: 400, error: 'invalid_grant', code: 70000, description: 'AADSTS70000: The provided value for the code parameter is not valid.' },
} satisfies Record<string, AadstsError>;

function errorBody(failure: AadstsError): WireAnswer {
  const trace = '0b4ee7b1-8a3c-4d8e-9d55-1f2a3b4c5d6e';
  return {
    status: failure.status,
    body: {
      error: failure.error,
      error_description: `${failure.description}\r\nTrace ID: ${trace}\r\nCorrelation ID: 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\r\nTimestamp: 2025-03-12 10:00:00Z`,
      error_codes: [failure.code],
      timestamp: '2025-03-12 10:00:00Z',
      trace_id: trace,
      correlation_id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
    },
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * `scope`: what the person consented to (the code carries it; Microsoft's code redemption takes no
 * scope). `code`: the one authorization code the wire accepts, once per consent.
 */
export async function startMicrosoftWire(options: { tenants: string[]; scope: string; code: string; graphRoutes?: WireRoutes }): Promise<MicrosoftWire> {
  const liveRefreshTokens = new Set<string>();
  const rejectedAccessTokens = new Set<string>();
  const liveAccessTokens = new Set<string>();
  let pendingFailure: AadstsError | undefined;
  let minted = 0;

  const wire = {
    nextTenantId: TENANT_ID,
    liveRefreshTokens,
    rejectedAccessTokens,
    failNextRefresh(error: AadstsError) {
      pendingFailure = error;
    },
  };

  function tokens(tid: string) {
    minted += 1;
    // A JWT as Graph's access tokens are for work/school accounts; clients never check its signature.
    const accessToken = `${b64({ typ: 'JWT', alg: 'RS256', kid: 'nOo3ZDrODXEK1jKWhXslHR_KXEg' })}.${b64({ aud: '00000003-0000-0000-c000-000000000000', iss: `https://sts.windows.net/${tid}/`, tid, oid: '8ea0e38b-efb3-4757-924a-5f94061cf8c2', scp: options.scope, n: minted })}.c2lnbmF0dXJlLW5vdC1mb3ItY2xpZW50cw`;
    liveAccessTokens.add(accessToken);
    const scopes = options.scope.split(' ');
    const refreshToken = scopes.includes('offline_access') ? `0.AXoAn74-s76OKk-RK34qQn9HfzeR3memFBRJl25ulmkUOR7${minted}` : undefined;
    if (refreshToken) liveRefreshTokens.add(refreshToken);
    // Microsoft lists the granted scopes without offline_access and the OpenID ones.
    const granted = scopes.filter((s) => !['offline_access', 'openid', 'profile', 'email'].includes(s)).join(' ');
    return { token_type: 'Bearer', scope: granted, expires_in: 4377, ext_expires_in: 4377, access_token: accessToken, ...(refreshToken ? { refresh_token: refreshToken } : {}) };
  }

  function tokenEndpoint(request: WireRequest): WireAnswer {
    const body = request.body as Record<string, string | undefined>;
    if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) {
      return errorBody({ status: 401, error: 'invalid_client', code: 7000215, description: 'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.' });
    }
    if (body.grant_type === 'authorization_code') {
      // The verifier is checked against the authorization URL's challenge by the test itself.
      if (body.code !== options.code || !/^[A-Za-z0-9._~-]{43,128}$/.test(body.code_verifier ?? '')) return errorBody(AADSTS.badCode);
      return { body: tokens(wire.nextTenantId) };
    }
    if (body.grant_type === 'refresh_token') {
      if (pendingFailure) {
        const failure = pendingFailure;
        pendingFailure = undefined;
        return errorBody(failure);
      }
      if (!body.refresh_token || !liveRefreshTokens.has(body.refresh_token)) {
        return errorBody({ status: 400, error: 'invalid_grant', code: 9002313, description: 'AADSTS9002313: Invalid request. Request is malformed or invalid.' });
      }
      // Soft rotation: a new refresh token, and the one just used is not revoked.
      return { body: tokens(TENANT_ID) };
    }
    return errorBody({ status: 400, error: 'unsupported_grant_type', code: 70003, description: 'AADSTS70003: The app requested an unsupported grant type.' });
  }

  const routes: WireRoutes = {
    [`GET ${GRAPH_ME}`]: (request) => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!liveAccessTokens.has(token) || rejectedAccessTokens.has(token)) {
        return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.', innerError: { date: '2025-03-12T10:00:00', 'request-id': 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b' } } } };
      }
      return { body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName)/$entity', id: '8ea0e38b-efb3-4757-924a-5f94061cf8c2', userPrincipalName: 'MeganB@contoso.com' } };
    },
    ...options.graphRoutes,
  };
  // Only the token endpoint is called by onbehalf; the authorization endpoint is the browser's.
  for (const tenant of options.tenants) routes[`POST /login.microsoftonline.com/${tenant}/oauth2/v2.0/token`] = tokenEndpoint;
  const server = await startWireServer(routes);

  return Object.assign(wire, {
    server,
    tokenRequests: (tenant: string) => server.requests(`POST /login.microsoftonline.com/${tenant}/oauth2/v2.0/token`),
    close: () => server.close(),
  });
}
