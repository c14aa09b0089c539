import Provider from 'oidc-provider';
import type { Adapter, Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';
import type { ClientRegistry } from './client-registry.ts';
import { escapeHtml, renderPage } from './html.ts';
import type { MemoryStore } from './memory-store.ts';
import type { SandboxUser } from './types.ts';

/** oidc-provider's routes, spelled out because the sandbox's own routing depends on them. */
export const ROUTES = {
  authorization: '/auth',
  token: '/token',
  revocation: '/token/revocation',
  introspection: '/token/introspection',
  userinfo: '/me',
  jwks: '/jwks',
  end_session: '/session/end',
  pushed_authorization_request: '/request',
} as const;

/** The OIDC scopes always understood (claims below add profile and email). */
export const BASE_SCOPES = ['openid', 'offline_access'];

const DAY = 24 * 60 * 60;

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

export interface OidcProviderOptions {
  issuer: string;
  store: MemoryStore;
  clients: ClientRegistry;
  signingKey: JWK;
  cookieKeys: string[];
  /** Every non-claim scope to accept (oidc-provider drops scopes it does not know). */
  scopes: Iterable<string>;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  rotateRefreshTokens: boolean;
  /** Advertise Client ID Metadata Documents (the client registry resolves URL client ids). */
  clientIdMetadataDocuments: boolean;
  /** Whether an authorization request of this client must carry a PKCE S256 code_challenge. */
  requirePkce: (clientId: string) => boolean;
  users: Record<string, SandboxUser>;
  /** Koa middleware placed in front of oidc-provider's routes. */
  middleware: Middleware[];
}

function profileOf(sub: string, users: Record<string, SandboxUser>): Record<string, unknown> {
  const user = users[sub] ?? {};
  const email = user.email ?? (sub.includes('@') ? sub : `${sub}@example.com`);
  return {
    sub,
    name: user.name ?? sub,
    preferred_username: sub,
    email,
    email_verified: true,
  };
}

/**
 * Builds the oidc-provider instance. It can be called again with more scopes: all state lives in
 * `store`, `clients` and the keys, so a rebuilt Provider continues every session and grant.
 * Every default that oidc-provider flags as "you should change this" is set explicitly, which is
 * also what keeps it quiet on the console.
 */
export function createOidcProvider(options: OidcProviderOptions): Provider {
  const { store, clients, users } = options;

  const adapter = (model: string): Adapter => (model === 'Client' ? clients.adapter : store.adapter(model));

  const configuration: Configuration = {
    adapter,
    jwks: { keys: [options.signingKey] },
    cookies: {
      keys: options.cookieKeys,
      // Plain http on 127.0.0.1: cookies must not be marked Secure or no client would send them back.
      long: { httpOnly: true, sameSite: 'lax', secure: false },
      short: { httpOnly: true, sameSite: 'lax', secure: false },
    },
    routes: ROUTES,
    ...(options.clientIdMetadataDocuments ? { discovery: { client_id_metadata_document_supported: true } } : {}),
    scopes: [...new Set([...BASE_SCOPES, ...options.scopes])],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // Any login name is a user.
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: () => profileOf(sub, users) as { sub: string } };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        // As oidc-provider's default: public clients may only introspect their own tokens.
        allowedPolicy: async (_ctx, client, token) =>
          client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      // One access token carries all scopes, as at Google or Slack, unless the client names a
      // resource (RFC 8707, as MCP clients do): then the token is for that resource only, its
      // audience, so a resource server can refuse tokens minted for another. Without a resource
      // parameter nothing changes for the providers the sandbox stands in for.
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => ({
          scope: [...new Set([...BASE_SCOPES, ...options.scopes])].join(' '),
          audience: resourceIndicator,
          accessTokenFormat: 'opaque',
        }),
      },
      // Open dynamic client registration (RFC 7591), as the authorization servers of remote MCP
      // servers offer it: an app registers itself and gets a client id and secret.
      registration: { enabled: true },
      rpInitiatedLogout: { enabled: false },
    },
    pkce: { required: (_ctx, client) => options.requirePkce(client.clientId) },
    // A refresh token whenever the client may refresh, without the offline_access + prompt=consent
    // ceremony, because that is how the third-party providers onbehalf talks to behave.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: options.rotateRefreshTokens,
    // Tokens outlive the browser session (the headless user agent forgets its cookies at once).
    expiresWithSession: async () => false,
    // The default 15 s tolerance would keep a 1-second access token alive for 16 seconds.
    clockTolerance: 0,
    ttl: {
      AccessToken: options.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      RefreshToken: options.refreshTokenTtl,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      // The grant must outlive any refresh token issued under it.
      Grant: Math.max(options.refreshTokenTtl * 2, 365 * DAY),
    },
    // Only loopback callers exist; allowing every origin keeps browser-based demos working.
    clientBasedCORS: () => true,
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = renderPage('Error', Object.entries(out)
        .map(([key, value]) => `<p class="${escapeHtml(key)}"><code>${escapeHtml(key)}</code>: ${escapeHtml(String(value))}</p>`)
        .join('\n'));
    },
  };

  const provider = new Provider(options.issuer, configuration);
  for (const middleware of options.middleware) provider.use(middleware);
  return provider;
}
