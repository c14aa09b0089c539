import type { ProviderDialect } from '../../mock-api/index.ts';

/**
 * Notion's token endpoint takes a JSON body (`{"grant_type":"authorization_code","code":…}`) where
 * RFC 6749 has a form; the OIDC server re-encodes it as a form before oidc-provider reads it. Its
 * authorization requests carry no scope, which the OIDC server handles for every provider.
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
};
