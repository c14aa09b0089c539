import { isRecord, type MockRequest, type MockResponse } from '../../mock-api/index.ts';

/** The sandbox authorization server's revocation endpoint, on the same origin as the mocks. */
const REVOCATION_PATH = '/token/revocation';

/**
 * monday's `POST /oauth_ms/oauth/revoke`: a JSON body `{ token, token_type_hint?, client_id,
 * client_secret }`, answered `{ success: true }`. The sandbox authorization server holds the
 * grants, so the mock hands the request on as RFC 7009 (the client's credentials in the form,
 * where the server checks them) and answers in monday's shape.
 */
export async function mondayRevoke(request: MockRequest): Promise<MockResponse> {
  const body = request.body;
  if (request.bodyError || !isRecord(body) || typeof body.token !== 'string' || typeof body.client_id !== 'string' || typeof body.client_secret !== 'string') {
    return { status: 400, body: { error: 'invalid_request', error_description: 'token, client_id and client_secret are required' } };
  }
  const form = new URLSearchParams({ token: body.token, client_id: body.client_id, client_secret: body.client_secret, ...(typeof body.token_type_hint === 'string' ? { token_type_hint: body.token_type_hint } : {}) });
  const revoked = await fetch(`${request.origin}${REVOCATION_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  if (revoked.status === 401) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
  await revoked.body?.cancel();
  return revoked.ok ? { status: 200, body: { success: true } } : { status: 400, body: { error: 'invalid_request' } };
}
