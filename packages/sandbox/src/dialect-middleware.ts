import { Readable } from 'node:stream';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ProviderDialect } from './mock-api/index.ts';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/**
 * The scope an authorization request without any scope (GitHub, Notion) is granted. This is the
 * sandbox's own policy, not a provider's dialect, so it applies to every provider: a real
 * provider reads "no scope" as "what the app was configured with", while oidc-provider would
 * grant nothing and end in access_denied. Any future scope-less provider needs it the same way.
 */
export const DEFAULT_API_SCOPE = 'api';


export interface DialectMiddleware {
  /** Normalises the `scope` of an authorization URL in place; `true` when it changed. */
  normalizeAuthorizationScope(url: URL): boolean;
  /** Koa middleware that re-encodes non-form token request bodies (Notion's JSON) as a form. */
  tokenRequests(tokenPath: string): Middleware;
  /** Which OIDC endpoint a provider's own endpoint path stands for (Microsoft's `/{tenant}/oauth2/v2.0/token`), if any. */
  endpointFor(pathname: string): 'authorization' | 'token' | undefined;
  /** Koa middleware that reshapes the token responses of a provider's clients in its dialect (`providerOf` names a client's provider). */
  tokenResponses(tokenPath: string, providerOf: (clientId: string) => string | undefined): Middleware;
}

/**
 * The OIDC server's answer to the providers' wire dialects. The sandbox serves every provider from
 * one issuer and a client is not tied to a provider, so every dialect applies to every request;
 * each only touches a shape no other provider sends.
 */
export function createDialectMiddleware(dialects: readonly ProviderDialect[], byProvider: Readonly<Record<string, ProviderDialect>> = {}): DialectMiddleware {
  const scopeRewrites = dialects.flatMap((d) => (d.authorizationScope ? [d.authorizationScope] : []));
  const bodyFormats = dialects.flatMap((d) => (d.tokenRequestBody ? [d.tokenRequestBody] : []));
  const endpointPaths = dialects.flatMap((d) => (d.endpointPaths ? [d.endpointPaths] : []));
  return {
    endpointFor(pathname) {
      if (endpointPaths.some((p) => p.authorization.test(pathname))) return 'authorization';
      if (endpointPaths.some((p) => p.token.test(pathname))) return 'token';
      return undefined;
    },
    normalizeAuthorizationScope(url) {
      const raw = url.searchParams.get('scope');
      const rewritten = scopeRewrites.reduce((scope, rewrite) => rewrite(scope), raw ?? '');
      const scopes = rewritten.split(/\s+/).filter(Boolean);
      // `offline_access` alone (Vercel asks for nothing else) is no grant to oidc-provider either:
      // without prompt=consent it drops it, so such a request also gets the default API scope.
      const granted = scopes.filter((scope) => scope !== 'offline_access');
      const normalized = (granted.length > 0 ? scopes : [...scopes, DEFAULT_API_SCOPE]).join(' ');
      if (normalized === raw) return false;
      url.searchParams.set('scope', normalized);
      return true;
    },
    tokenRequests(tokenPath) {
      return async (ctx, next) => {
        const format = ctx.method === 'POST' && ctx.path === tokenPath ? bodyFormats.find((f) => ctx.is(f.contentType)) : undefined;
        if (format) {
          let text = '';
          for await (const chunk of ctx.req) text += chunk;
          const form = new URLSearchParams(format.parse(text)).toString();
          const replacement = Readable.from([Buffer.from(form)]) as unknown as typeof ctx.req;
          Object.assign(replacement, { headers: { ...ctx.req.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(form)) }, method: ctx.req.method, url: ctx.req.url, socket: ctx.req.socket, httpVersion: ctx.req.httpVersion });
          ctx.req = replacement;
          ctx.request.req = replacement;
        }
        await next();
      };
    },
    tokenResponses(tokenPath, providerOf) {
      return async (ctx, next) => {
        await next();
        if (ctx.method !== 'POST' || ctx.path !== tokenPath || ctx.status !== 200 || !ctx.body || typeof ctx.body !== 'object') return;
        const clientId = ctx.oidc?.client?.clientId;
        const provider = clientId ? providerOf(clientId) : undefined;
        const reshape = provider ? byProvider[provider]?.tokenResponse : undefined;
        if (!reshape || !clientId) return;
        const grantType = typeof ctx.oidc?.params?.grant_type === 'string' ? ctx.oidc.params.grant_type : undefined;
        const entities = ctx.oidc?.entities as { AuthorizationCode?: { accountId?: string }; RefreshToken?: { accountId?: string } } | undefined;
        const sub = entities?.AuthorizationCode?.accountId ?? entities?.RefreshToken?.accountId;
        ctx.body = reshape({ ...(ctx.body as Record<string, unknown>) }, { origin: ctx.origin, clientId, ...(grantType ? { grantType } : {}), ...(sub ? { sub } : {}) });
      };
    },
  };
}
