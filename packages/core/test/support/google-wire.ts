import type { WireRequest, WireRoutes } from './provider-wire-server.ts';

/**
 * Google's OAuth 2.0 endpoints as Google documents them (developers.google.com/identity/protocols/oauth2/web-server):
 * the secret in the form body, a refresh token only for access_type=offline with prompt=consent,
 * `expires_in: 3599`, the granted scopes in `scope` (`email` comes back as `…/userinfo.email`), an
 * `id_token` for `openid`, refresh answers without a refresh token, `invalid_grant` "Token has been
 * expired or revoked.", and `POST /revoke` with the token in a form (200, or 400 invalid_token),
 * plus an API route answering Google's 401 for unknown tokens.
 */
export interface GoogleWire {
  routes: WireRoutes;
  /** Forget an access token (Google's answer to it becomes 401 UNAUTHENTICATED). */
  expire(accessToken: string): void;
  /** Revoke a refresh token as the person would in their Google account. */
  revokeGrant(refreshToken: string): void;
  live: { access: Set<string>; refresh: Set<string> };
}

export const GOOGLE_CLIENT = { id: '1234567890-abc123def456.apps.googleusercontent.com', secret: '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' };

function idToken(sub: string, email: string, clientId: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  // Signed by Google in reality; openid-client checks the claims of an ID token received over the back channel.
  return `${part({ alg: 'RS256', kid: 'c8ab71530972bba20b49f78a09c9852c43ff9118', typ: 'JWT' })}.${part({ iss: 'https://accounts.google.com', azp: clientId, aud: clientId, sub, email, email_verified: true, at_hash: 'x', iat: now, exp: now + 3599 })}.c2lnbmF0dXJl`;
}

export function googleWire(options: { apiRoute: string; apiAnswer: unknown; grantedScope: string }): GoogleWire {
  const live = { access: new Set<string>(), refresh: new Set<string>() };
  let minted = 0;
  const access = () => {
    const token = `ya29.a0AfB_byC${++minted}${'x'.repeat(40)}`;
    live.access.add(token);
    return token;
  };
  const clientOk = (r: WireRequest) => r.body.client_id === GOOGLE_CLIENT.id && r.body.client_secret === GOOGLE_CLIENT.secret && r.contentType.startsWith('application/x-www-form-urlencoded');
  const routes: WireRoutes = {
    'POST /token': (r) => {
      if (!clientOk(r)) return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
      if (r.body.grant_type === 'authorization_code') {
        if (r.body.code !== '4/0AcvDMrC-good' || typeof r.body.code_verifier !== 'string') return { status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' } };
        const refresh = `1//0gLk${++minted}-refresh`;
        live.refresh.add(refresh);
        return { body: { access_token: access(), expires_in: 3599, refresh_token: refresh, scope: options.grantedScope, token_type: 'Bearer', id_token: idToken('110248495921238986420', 'alice@example.com', GOOGLE_CLIENT.id) } };
      }
      if (r.body.grant_type === 'refresh_token') {
        if (typeof r.body.refresh_token !== 'string' || !live.refresh.has(r.body.refresh_token)) return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
        // Google keeps the refresh token: its refresh answers never carry one.
        return { body: { access_token: access(), expires_in: 3599, scope: options.grantedScope, token_type: 'Bearer', id_token: idToken('110248495921238986420', 'alice@example.com', GOOGLE_CLIENT.id) } };
      }
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + String(r.body.grant_type) } };
    },
    'POST /revoke': (r) => {
      const token = typeof r.body.token === 'string' ? r.body.token : '';
      // Revoking either token ends the whole grant.
      if (!live.refresh.delete(token) && !live.access.delete(token)) return { status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } };
      live.access.clear();
      return { body: {} };
    },
    [`GET ${options.apiRoute}`]: (r) => {
      const token = /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1];
      if (!token || !live.access.has(token)) {
        return { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }, body: { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.', errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }], status: 'UNAUTHENTICATED' } } };
      }
      return { body: options.apiAnswer };
    },
  };
  return { routes, live, expire: (token) => live.access.delete(token), revokeGrant: (token) => live.refresh.delete(token) };
}
