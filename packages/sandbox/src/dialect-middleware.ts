import { Readable } from 'node:stream';
import type { KoaContextWithOIDC } from 'oidc-provider';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/**
 * The sandbox stands in for real providers, so it accepts the two ways some of them deviate from
 * RFC 6749 on the wire: Slack's comma-separated `scope` (normalised to spaces on the
 * authorization request) and Notion's JSON token request body (re-encoded as a form before
 * oidc-provider reads it). An authorization request without any scope (GitHub, Notion) gets the
 * sandbox's generic `api` scope, since granting nothing would end in access_denied.
 */
export const DEFAULT_API_SCOPE = 'api';

export function normalizeAuthorizationScope(url: URL): boolean {
  const raw = url.searchParams.get('scope');
  const scopes = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  const normalized = (scopes.length > 0 ? scopes : [DEFAULT_API_SCOPE]).join(' ');
  if (normalized === raw) return false;
  url.searchParams.set('scope', normalized);
  return true;
}

export function jsonTokenRequests(tokenPath: string): Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === tokenPath && ctx.is('application/json')) {
      let text = '';
      for await (const chunk of ctx.req) text += chunk;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // leave it empty: oidc-provider answers invalid_request as it would for any bad body
      }
      const form = new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
      const replacement = Readable.from([Buffer.from(form)]) as unknown as typeof ctx.req;
      Object.assign(replacement, { headers: { ...ctx.req.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)) }, method: ctx.req.method, url: ctx.req.url, socket: ctx.req.socket, httpVersion: ctx.req.httpVersion });
      ctx.req = replacement;
      ctx.request.req = replacement;
    }
    await next();
  };
}
