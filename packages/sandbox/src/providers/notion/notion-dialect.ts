import { createHash } from 'node:crypto';
import type { ProviderDialect } from '../../mock-api/index.ts';

/** A stable UUID for a sandbox user's Notion install (its bot) and workspace. */
function uuidOf(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Notion's token endpoint takes a JSON body (`{"grant_type":"authorization_code","code":…}`) where
 * RFC 6749 has a form; the OIDC server re-encodes it as a form before oidc-provider reads it (its
 * revocation endpoint too: Notion revokes with JSON). Its authorization requests carry no scope,
 * which the OIDC server handles for every provider. Its token answers name the install
 * (`bot_id`, `workspace_id`, `workspace_name`, `owner`) and carry no `expires_in`: a Notion
 * access token is used until the API refuses it.
 */
export const notionDialect: ProviderDialect = {
  tokenRequestBody: {
    contentType: 'application/json',
    parse(text) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        // no fields: oidc-provider answers invalid_request as it would for any bad body
        return {};
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
      return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
    },
  },
  tokenResponse(body, { clientId, sub }) {
    const { expires_in: _expiresIn, scope: _scope, id_token: _idToken, ...rest } = body;
    const user = sub ?? 'unknown';
    return {
      ...rest,
      token_type: 'bearer',
      bot_id: uuidOf('bot', clientId, user),
      workspace_id: uuidOf('workspace', user),
      workspace_name: `${user}'s Notion`,
      workspace_icon: null,
      owner: { type: 'user', user: { object: 'user', id: uuidOf('user', user) } },
      duplicated_template_id: null,
      request_id: uuidOf('request', clientId, user, String(body.access_token ?? '')),
    };
  },
};
