import { isRecord, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import { DOCS, githubError, validationFailed } from './github-http.ts';

const DOC = `${DOCS}/apps/oauth-applications#delete-an-app-authorization`;

/** The sandbox authorization server's endpoints, on the same origin as the mocks. */
const INTROSPECTION_PATH = '/token/introspection';
const REVOCATION_PATH = '/token/revocation';

/**
 * `DELETE /applications/{client_id}/grant`: HTTP Basic with the app's own client id and secret,
 * `{ access_token }` in a JSON body; ends the whole grant (every token of the app for that
 * person) and answers 204. Wrong app credentials are a 404, as GitHub hides the app; a token that
 * is not this app's is a 422. The sandbox authorization server checks the credentials
 * (introspection with the same Basic header) and ends the grant (revoking the access token
 * revokes its grant there too).
 */
export async function githubRevokeGrant(request: MockRequest, clientId: string): Promise<MockResponse> {
  const authorization = request.headers.authorization;
  const basic = typeof authorization === 'string' ? /^Basic (.+)$/i.exec(authorization)?.[1] : undefined;
  const [id] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
  if (!basic || id !== clientId) return githubError(404, 'Not Found', DOC);
  if (request.bodyError || !isRecord(request.body) || typeof request.body.access_token !== 'string' || request.body.access_token === '') {
    return validationFailed(DOC, [{ resource: 'OauthAccess', code: 'missing_field', field: 'access_token' }]);
  }
  const form = {
    method: 'POST',
    headers: { authorization: authorization!, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ token: request.body.access_token, token_type_hint: 'access_token' }).toString(),
  };
  const introspection = await fetch(`${request.origin}${INTROSPECTION_PATH}`, form);
  if (introspection.status === 401 || introspection.status === 400) return githubError(404, 'Not Found', DOC);
  const token = (await introspection.json().catch(() => ({}))) as { active?: boolean; client_id?: string; token_type?: string };
  if (!token.active || token.client_id !== clientId || token.token_type === undefined) {
    return validationFailed(DOC, [{ resource: 'OauthAccess', code: 'invalid', field: 'access_token' }]);
  }
  const revoked = await fetch(`${request.origin}${REVOCATION_PATH}`, form);
  await revoked.body?.cancel();
  return revoked.ok ? { status: 204 } : githubError(500, 'Server Error', DOC);
}
