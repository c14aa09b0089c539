import type { KoaContextWithOIDC } from 'oidc-provider';
import { readForm } from './read-form.ts';
import type { TokenRequestFilter, TokenRequestRecord } from './types.ts';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

/** Rewrites a successful token response body (parsed JSON); return a string to send raw text. */
export type TokenResponseRewrite = (body: Record<string, unknown>) => unknown;

/**
 * Records every token endpoint call and misbehaves on request, as real token endpoints do: fail
 * (an outage), stall (a provider that hangs), or answer garbage after doing the work (a rotated
 * refresh token inside a malformed 200).
 */
export interface TokenLog {
  readonly requests: TokenRequestRecord[];
  count(filter?: TokenRequestFilter): number;
  failNext(n: number, status?: number): void;
  stallNext(n: number, ms: number): void;
  rewriteNext(n: number, rewrite: TokenResponseRewrite): void;
  /** Token requests received and not answered yet (stalled ones included). */
  readonly inFlight: number;
  /** Koa middleware for the Provider; `tokenPath` is the token endpoint's path. */
  middleware(tokenPath: string): Middleware;
}

/** The client id a request claims, even when authentication fails (for the record only). */
function claimedClientId(authorization: string | undefined, form: Record<string, unknown> | undefined): string | undefined {
  if (authorization && /^basic /i.test(authorization)) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      try {
        return decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
      } catch {
        return decoded.slice(0, colon);
      }
    }
  }
  const fromBody = form?.client_id;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

export function createTokenLog(): TokenLog {
  const requests: TokenRequestRecord[] = [];
  const outage = { remaining: 0, status: 503 };
  const stall = { remaining: 0, ms: 0 };
  const rewrite: { remaining: number; fn: TokenResponseRewrite | undefined } = { remaining: 0, fn: undefined };
  let inFlight = 0;
  const count = (n: number, what: string): number => {
    if (!(n === Infinity || (Number.isInteger(n) && n >= 0))) throw new TypeError(`${what}: n must be a non-negative integer or Infinity`);
    return n;
  };

  const record = (entry: Omit<TokenRequestRecord, 'at'>): void => {
    requests.push({ ...entry, at: Date.now() });
  };

  async function handle(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
    if (stall.remaining > 0) {
      stall.remaining -= 1;
      await new Promise((resolve) => setTimeout(resolve, stall.ms));
      // The client gave up (timeout, or its process was killed): like a request lost on the
      // way, the provider never processes it, so the refresh token it carried stays valid.
      if (ctx.req.destroyed || ctx.res.destroyed || ctx.req.socket.destroyed) {
        record({ grantType: '', clientId: claimedClientId(ctx.get('authorization'), undefined), ok: false, error: 'client_gone', status: 0 });
        ctx.respond = false;
        return;
      }
    }

    if (outage.remaining > 0) {
      outage.remaining -= 1;
      // The Provider never sees this request, so read the body here for the record.
      const form = Object.fromEntries(await readForm(ctx.req).catch(() => new URLSearchParams()));
      const error = outage.status === 503 ? 'temporarily_unavailable' : 'server_error';
      ctx.status = outage.status;
      ctx.set('cache-control', 'no-store');
      ctx.body = { error, error_description: 'simulated outage (sandbox.failNextTokenRequests)' };
      record({
        grantType: form.grant_type ?? '',
        clientId: claimedClientId(ctx.get('authorization'), form),
        ok: false,
        error,
        status: outage.status,
      });
      return;
    }

    try {
      await next();
    } finally {
      // ctx.oidc exists once the token route ran; its params/body hold what the client sent.
      const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
      // A grant the sandbox answers itself (jwt-bearer) leaves what it read in ctx.state.tokenForm.
      const params = (oidc?.params ?? oidc?.body ?? (ctx.state as { tokenForm?: Record<string, unknown> }).tokenForm ?? {}) as Record<string, unknown>;
      const body = ctx.body as { error?: unknown } | undefined;
      const ok = ctx.status >= 200 && ctx.status < 300;
      record({
        grantType: typeof params.grant_type === 'string' ? params.grant_type : '',
        clientId: oidc?.client?.clientId ?? claimedClientId(ctx.get('authorization'), params),
        ok,
        ...(!ok && typeof body?.error === 'string' ? { error: body.error } : {}),
        status: ctx.status,
      });
    }
    if (rewrite.remaining > 0 && rewrite.fn && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      rewrite.remaining -= 1;
      const rewritten = rewrite.fn(structuredClone(ctx.body) as Record<string, unknown>);
      ctx.body = typeof rewritten === 'string' ? rewritten : JSON.stringify(rewritten);
      ctx.type = 'application/json';
    }
  }

  return {
    requests,
    get inFlight() {
      return inFlight;
    },
    count(filter = {}) {
      return requests.filter((r) =>
        (filter.grantType === undefined || r.grantType === filter.grantType)
        && (filter.clientId === undefined || r.clientId === filter.clientId)
        && (filter.ok === undefined || r.ok === filter.ok),
      ).length;
    },
    failNext(n, status = 503) {
      if (!Number.isInteger(n) || n < 0) throw new TypeError('failNextTokenRequests: n must be a non-negative integer');
      if (!Number.isInteger(status) || status < 400 || status > 599) throw new TypeError('failNextTokenRequests: status must be an HTTP error status');
      outage.remaining = n;
      outage.status = status;
    },
    stallNext(n, ms) {
      if (!Number.isInteger(ms) || ms < 0) throw new TypeError('stallNextTokenRequests: ms must be a non-negative integer');
      stall.remaining = count(n, 'stallNextTokenRequests');
      stall.ms = ms;
    },
    rewriteNext(n, fn) {
      if (typeof fn !== 'function') throw new TypeError('rewriteNextTokenResponses: expected a function');
      rewrite.remaining = count(n, 'rewriteNextTokenResponses');
      rewrite.fn = fn;
    },
    middleware(tokenPath) {
      return async (ctx, next) => {
        if (ctx.method !== 'POST' || ctx.path !== tokenPath) {
          await next();
          return;
        }

        inFlight += 1;
        try {
          await handle(ctx, next);
        } finally {
          inFlight -= 1;
        }
      };
    },
  };
}
