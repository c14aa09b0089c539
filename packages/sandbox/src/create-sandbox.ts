import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { createClientRegistry } from './client-registry.ts';
import { BASE_SCOPES, createOidcProvider, ROUTES } from './create-oidc-provider.ts';
import { createDialectMiddleware } from './dialect-middleware.ts';
import { createInteractions, INTERACTION_PREFIX } from './interactions.ts';
import { createJwtBearerGrant } from './jwt-bearer-grant.ts';
import { createMemoryStore } from './memory-store.ts';
import { SANDBOX_PROVIDER_MODULES } from './providers/index.ts';
import { getSigningKey } from './signing-key.ts';
import { createTokenLog } from './token-log.ts';
import type { AccessTokenInfo, IntrospectionResult, Sandbox, SandboxOptions, SandboxRouteHandler } from './types.ts';
import { createUserAgent } from './user-agent.ts';

const DAY = 24 * 60 * 60;

/** Every sandbox provider's wire dialect (Slack's comma scopes, Notion's JSON token body), for any client. */
const dialects = createDialectMiddleware(
  SANDBOX_PROVIDER_MODULES.flatMap((module) => (module.dialect ? [module.dialect] : [])),
  Object.fromEntries(SANDBOX_PROVIDER_MODULES.flatMap((module) => (module.dialect ? [[module.id, module.dialect]] : []))),
);

const dialectOf = (provider: string | undefined) => SANDBOX_PROVIDER_MODULES.find((module) => module.id === provider)?.dialect;

/** Paths a mounted route must not shadow. */
const RESERVED = ['/.well-known', INTERACTION_PREFIX.slice(0, -1), ...Object.values(ROUTES)];

function normalizePrefix(prefix: string): string {
  const trimmed = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
  if (trimmed === '/') throw new TypeError('sandbox.use: the prefix must not be "/"');
  for (const reserved of RESERVED) {
    if (trimmed === reserved || trimmed.startsWith(`${reserved}/`) || reserved.startsWith(`${trimmed}/`)) {
      throw new TypeError(`sandbox.use: ${trimmed} would shadow the authorization server's ${reserved}`);
    }
  }
  return trimmed;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`createSandbox: ${name} must be a positive integer (seconds)`);
  return value;
}

/**
 * Starts a real OAuth 2.0 / OpenID Connect authorization server (oidc-provider) on 127.0.0.1,
 * with in-memory state, rotating refresh tokens, a headless consent driver, a token endpoint
 * log and outage switch, and room for mock APIs on the same origin.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let accessTokenTtl = positive('accessTokenTtl', options.accessTokenTtl, 3600);
  let rotateRefreshTokens = options.rotateRefreshTokens ?? true;
  const refreshTokenTtl = positive('refreshTokenTtl', options.refreshTokenTtl, 14 * DAY);
  const store = createMemoryStore();
  const clients = createClientRegistry(options.clients, { metadataDocuments: options.clientIdMetadataDocuments ?? false });
  const tokenLog = createTokenLog();
  const mounts = new Map<string, SandboxRouteHandler>();
  const scopes = new Set([...BASE_SCOPES, ...(options.scopes ?? [])]);
  const signingKey = await getSigningKey();
  const cookieKeys = [randomBytes(32).toString('base64url')];

  let provider: Provider | undefined;
  let providerCallback: ((req: IncomingMessage, res: ServerResponse) => unknown) | undefined;
  let issuer = '';

  const build = (): void => {
    provider = createOidcProvider({
      issuer,
      store,
      clients,
      signingKey,
      cookieKeys,
      scopes,
      accessTokenTtl,
      refreshTokenTtl,
      rotateRefreshTokens,
      clientIdMetadataDocuments: options.clientIdMetadataDocuments ?? false,
      // Slack's clients may leave PKCE out: at Slack it is an opt-in app setting, off by default.
      requirePkce: (clientId) => (options.requirePkce ?? true) && !dialectOf(clients.providerOf(clientId))?.pkceOptional,
      users: options.users ?? {},
      // Notion's revocation is JSON like its token request: the same re-encoding serves both endpoints.
      middleware: [dialects.tokenRequests(ROUTES.token), dialects.tokenRequests(ROUTES.revocation), tokenLog.middleware(ROUTES.token), jwtBearer.middleware(ROUTES.token), dialects.tokenResponses(ROUTES.token, (clientId) => clients.providerOf(clientId))],
    });
    providerCallback = provider.callback();
  };
  // Service accounts sign their own assertions: their client needs no secret and no redirect.
  const jwtBearer = createJwtBearerGrant({
    current: () => current(),
    tokenUrl: () => `${issuer}${ROUTES.token}`,
    addClient: (clientId) => clients.add({ clientId, redirectUris: [`${issuer}/unused-redirect`], tokenEndpointAuthMethod: 'none' }),
  });
  const current = (): Provider => {
    if (!provider) throw new Error('sandbox is not started');
    return provider;
  };

  /**
   * oidc-provider silently drops scope values it was not configured with, and its configuration
   * is fixed at construction. To accept whatever scope a test's client asks for (`chat:write`,
   * `https://www.googleapis.com/auth/gmail.readonly`, …), a GET authorization request with an
   * unknown scope rebuilds the Provider with it; all state lives outside the Provider.
   */
  const learnScopes = (url: URL): void => {
    const requested = url.searchParams.get('scope')?.split(' ').filter(Boolean) ?? [];
    const unknown = requested.filter((s) => !scopes.has(s) && !['profile', 'email'].includes(s));
    if (unknown.length === 0) return;
    for (const scope of unknown) scopes.add(scope);
    build();
  };

  const interactions = createInteractions(current);

  const mountFor = (pathname: string): SandboxRouteHandler | undefined => {
    let best: [string, SandboxRouteHandler] | undefined;
    for (const [prefix, handler] of mounts) {
      if ((pathname === prefix || pathname.startsWith(`${prefix}/`)) && (!best || prefix.length > best[0].length)) {
        best = [prefix, handler];
      }
    }
    return best?.[1];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', issuer);
    // A provider's own endpoint layout (Microsoft's tenant paths) is served by the OIDC endpoints.
    const standsFor = dialects.endpointFor(url.pathname);
    if (standsFor) {
      url.pathname = ROUTES[standsFor];
      req.url = `${url.pathname}${url.search}`;
    }
    const mounted = mountFor(url.pathname);
    if (mounted) {
      await mounted(req, res);
      return;
    }
    if (url.pathname.startsWith(INTERACTION_PREFIX)) {
      await interactions(req, res);
      return;
    }
    if (req.method === 'GET' && url.pathname === ROUTES.authorization) {
      if (dialects.normalizeAuthorizationScope(url)) req.url = `${url.pathname}${url.search}`;
      learnScopes(url);
    }
    await providerCallback?.(req, res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never echo the error: a mounted handler's message might contain a token.
      console.error('[@onbehalf/sandbox] request failed:', req.method, req.url?.split('?')[0], error instanceof Error ? error.name : typeof error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: 'server_error' }));
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  build();

  const verifyAccessToken = async (token: string): Promise<AccessTokenInfo | undefined> => {
    if (typeof token !== 'string' || token.length === 0) return undefined;
    const p = current();
    const at = await p.AccessToken.find(token);
    if (!at || at.isExpired || !at.accountId || !at.grantId || !at.clientId || !at.exp) return undefined;
    // The grant may have been revoked while the token row survived; oidc-provider's userinfo checks this too.
    const grant = await p.Grant.find(at.grantId);
    if (!grant || grant.accountId !== at.accountId || grant.clientId !== at.clientId) return undefined;
    return {
      sub: at.accountId,
      clientId: at.clientId,
      scopes: (at.scope ?? '').split(' ').filter(Boolean),
      expiresAt: at.exp * 1000,
      ...(typeof at.aud === 'string' ? { audience: at.aud } : {}),
    };
  };

  const introspect = async (token: string): Promise<IntrospectionResult> => {
    const access = await verifyAccessToken(token);
    if (access) {
      return {
        active: true,
        sub: access.sub,
        scope: access.scopes.join(' '),
        client_id: access.clientId,
        token_type: 'Bearer',
        exp: Math.floor(access.expiresAt / 1000),
        ...(access.audience ? { aud: access.audience } : {}),
      };
    }
    if (typeof token !== 'string' || token.length === 0) return { active: false };
    const p = current();
    const rt = await p.RefreshToken.find(token);
    if (!rt || rt.isExpired || rt.consumed || !rt.grantId || !rt.accountId) return { active: false };
    const grant = await p.Grant.find(rt.grantId);
    if (!grant) return { active: false };
    return { active: true, sub: rt.accountId, scope: rt.scope ?? '', client_id: rt.clientId, exp: rt.exp };
  };

  return {
    issuer,
    url: issuer,
    addClient: (client) => clients.add(client),
    addServiceAccount: (account) => jwtBearer.add(account),
    revokeGrants: async (userId) => store.revokeAccount(userId),
    verifyAccessToken,
    introspect,
    tokenRequests: tokenLog.requests,
    countTokenRequests: (filter) => tokenLog.count(filter),
    failNextTokenRequests: (n, status) => tokenLog.failNext(n, status),
    stallNextTokenRequests: (n, ms) => tokenLog.stallNext(n, ms),
    rewriteNextTokenResponses: (n, rewrite) => tokenLog.rewriteNext(n, rewrite),
    get tokenRequestsInFlight() {
      return tokenLog.inFlight;
    },
    setTokenPolicy(policy) {
      // All state lives outside the Provider (see learnScopes), so rebuilding it is safe.
      if (policy.accessTokenTtl !== undefined) accessTokenTtl = positive('accessTokenTtl', policy.accessTokenTtl, accessTokenTtl);
      if (policy.rotateRefreshTokens !== undefined) rotateRefreshTokens = policy.rotateRefreshTokens;
      build();
    },
    use(prefix, handler) {
      if (typeof handler !== 'function') throw new TypeError('sandbox.use: handler must be a function');
      mounts.set(normalizePrefix(prefix), handler);
    },
    consent: (authorizationUrl, consentOptions) =>
      createUserAgent({ origin: issuer }).consent(authorizationUrl, consentOptions),
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
