import { Readable } from 'node:stream';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SandboxServiceAccount } from './types.ts';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Google's ceiling on an assertion's lifetime (`exp` at most an hour after `iat`). */
const MAX_ASSERTION_SECONDS = 3600;

interface Registered {
  key: KeyObject;
  subjects: Set<string> | undefined;
  scopes: Set<string> | undefined;
}

export interface JwtBearerGrant {
  add(account: SandboxServiceAccount): void;
  middleware(tokenPath: string): Middleware;
}

/**
 * The RFC 7523 JWT bearer grant as Google's token endpoint answers it for service accounts: the
 * assertion alone authenticates (no client credentials), signed by a registered key, `aud` the
 * token endpoint, `exp` in the future and at most an hour after `iat`, `sub` the user to act as
 * (delegation), `scope` in the claims. Failures answer 400 `invalid_grant` (signature, audience,
 * expiry) or 401 `unauthorized_client` (a subject or scope the delegation does not cover), as
 * Google does. The access token is an ordinary oidc-provider token for `sub`, so the mock APIs
 * take it like any other.
 */
export function createJwtBearerGrant(options: { current: () => Provider; tokenUrl: () => string; addClient: (clientId: string) => void }): JwtBearerGrant {
  const accounts = new Map<string, Registered>();

  const refuse = (ctx: KoaContextWithOIDC, status: number, error: string, description: string) => {
    ctx.status = status;
    ctx.set('cache-control', 'no-store');
    ctx.body = { error, error_description: description };
  };

  async function grant(ctx: KoaContextWithOIDC, form: URLSearchParams): Promise<void> {
    const assertion = form.get('assertion') ?? '';
    let iss: unknown;
    try {
      iss = decodeJwt(assertion).iss;
    } catch {
      return refuse(ctx, 400, 'invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
    }
    const account = typeof iss === 'string' ? accounts.get(iss) : undefined;
    if (!account) return refuse(ctx, 400, 'invalid_grant', 'Invalid grant: account not found');
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(assertion, account.key, { issuer: iss as string, audience: options.tokenUrl(), requiredClaims: ['iat', 'exp', 'sub'], clockTolerance: 0 }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const description = code === 'ERR_JWT_EXPIRED' ? 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `Invalid JWT: ${(error as { claim?: string }).claim ?? 'claim'} check failed.`
        : 'Invalid JWT Signature.';
      return refuse(ctx, 400, 'invalid_grant', description);
    }
    if (claims.exp! - claims.iat! > MAX_ASSERTION_SECONDS) return refuse(ctx, 400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
    const sub = String(claims.sub);
    const scope = typeof claims.scope === 'string' ? claims.scope : form.get('scope') ?? '';
    const scopes = scope.split(' ').filter(Boolean);
    if ((account.subjects && !account.subjects.has(sub)) || (account.scopes && scopes.some((s) => !account.scopes!.has(s)))) {
      return refuse(ctx, 401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    }
    const provider = options.current();
    const client = await provider.Client.find(iss as string);
    if (!client) return refuse(ctx, 400, 'invalid_grant', 'Invalid grant: account not found');
    const stored = new provider.Grant({ accountId: sub, clientId: client.clientId });
    if (scope) stored.addOIDCScope(scope);
    const grantId = await stored.save();
    const token = new provider.AccessToken({ accountId: sub, client, grantId, gty: 'jwt_bearer', scope });
    const value = await token.save();
    ctx.status = 200;
    ctx.set('cache-control', 'no-store');
    ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration };
  }

  return {
    add(account) {
      if (typeof account.issuer !== 'string' || account.issuer.length === 0) throw new TypeError('sandbox service account: issuer must be a non-empty string');
      const key = typeof account.publicKey === 'string'
        ? createPublicKey(account.publicKey)
        : 'type' in account.publicKey && typeof account.publicKey.type === 'string' && !('kty' in account.publicKey)
          ? createPublicKey(account.publicKey as KeyObject)
          : createPublicKey({ key: account.publicKey as import('node:crypto').JsonWebKey, format: 'jwk' });
      accounts.set(account.issuer, {
        key,
        subjects: account.subjects ? new Set(account.subjects) : undefined,
        scopes: account.scopes ? new Set(account.scopes) : undefined,
      });
      options.addClient(account.issuer);
    },
    middleware(tokenPath) {
      return async (ctx, next) => {
        if (ctx.method !== 'POST' || ctx.path !== tokenPath || !/^application\/x-www-form-urlencoded\b/i.test(ctx.get('content-type'))) {
          await next();
          return;
        }
        let text = '';
        for await (const chunk of ctx.req) text += chunk;
        const form = new URLSearchParams(text);
        if (form.get('grant_type') === JWT_BEARER_GRANT) {
          // For the token log, which otherwise reads what oidc-provider parsed.
          ctx.state.tokenForm = Object.fromEntries(form);
          await grant(ctx, form);
          return;
        }
        // Not ours: oidc-provider reads the body again.
        const replacement = Readable.from([Buffer.from(text)]) as unknown as typeof ctx.req;
        Object.assign(replacement, { headers: ctx.req.headers, method: ctx.req.method, url: ctx.req.url, socket: ctx.req.socket, httpVersion: ctx.req.httpVersion });
        ctx.req = replacement;
        ctx.request.req = replacement;
        await next();
      };
    },
  };
}
