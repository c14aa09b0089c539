import { isRecord, type MockRequest, type MockResponse } from '../../mock-api/index.ts';

/** The sandbox authorization server's token endpoint, on the same origin as the mocks. */
const TOKEN_PATH = '/token';

const figmaError = (status: number, message: string): MockResponse => ({ status, body: { error: true, status, message, i18n: null } });

/**
 * Figma's own refresh endpoint (`POST /v1/oauth/refresh`, HTTP Basic client authentication,
 * `refresh_token` in a form body), in front of the sandbox's token endpoint: the grant is checked
 * and the token minted there, and the answer is Figma's — `access_token`, `token_type`,
 * `expires_in`, no refresh token, errors as `{ error: true, status, message }`. When the sandbox
 * rotates refresh tokens (its default), the rotated one is passed on, since dropping it would end
 * the grant; with `rotateRefreshTokens: false` the answer is exactly Figma's.
 */
export async function figmaRefresh(request: MockRequest): Promise<MockResponse> {
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string' || !/^Basic /i.test(authorization)) return figmaError(401, 'Client authentication required (HTTP Basic)');
  const refreshToken = isRecord(request.body) ? request.body.refresh_token : undefined;
  if (typeof refreshToken !== 'string' || refreshToken === '') return figmaError(400, 'Parameter refresh_token is required');
  const answer = await fetch(`${request.origin}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  const body = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
  if (!answer.ok) {
    if (answer.status >= 500) return { status: answer.status, body: { status: answer.status, err: 'Internal server error' } };
    return figmaError(body.error === 'invalid_client' ? 401 : 400, body.error === 'invalid_client' ? 'Invalid client credentials' : 'Invalid refresh token');
  }
  const rotated = typeof body.refresh_token === 'string' && body.refresh_token !== refreshToken;
  return { status: 200, body: { access_token: body.access_token, token_type: 'bearer', expires_in: body.expires_in, ...(rotated ? { refresh_token: body.refresh_token } : {}) } };
}
