import type { RevokeContext } from '../../providers/index.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';

/**
 * Notion's `POST /v1/oauth/revoke`: HTTP Basic with the raw client id and secret (as its token
 * endpoint), a JSON body `{ "token": … }` and the `Notion-Version` header; it answers
 * `{ "request_id": … }`. Not RFC 7009 (a form body without the header fails there). The access
 * token is the one Notion's reference revokes, and with it the connection's grant.
 */
export async function notionRevoke(context: RevokeContext): Promise<boolean> {
  if (!context.revocationUrl || !context.clientId || !context.clientSecret) return false;
  const response = await context.fetch(context.revocationUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${context.clientId}:${context.clientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'notion-version': NOTION_API_VERSION,
    },
    body: JSON.stringify({ token: context.accessToken }),
  });
  // The body is not needed: a 2xx is Notion's confirmation, anything else (invalid_client,
  // validation_error…) leaves the revocation unconfirmed.
  await response.body?.cancel().catch(() => undefined);
  return response.ok;
}
