import { createHash, randomBytes } from 'node:crypto';
import type { MockRequest, MockResponse } from '../../mock-api/index.ts';
import { consentPage, loginPage } from './trello-pages.ts';
import { parseOAuthHeader, signatureMatches } from './trello-signature.ts';

/** What an access token (OAuth 1.0a, or a key+token user token) stands for. */
export interface TrelloGrant {
  token: string;
  /** null for a user token from `/1/authorize` (key + token), which is sent without signing. */
  secret: string | null;
  consumerKey: string;
  /** The member's username (the sandbox login name). */
  member: string;
  scopes: string[];
  expiresAt: number | null;
}

interface RequestToken {
  key: string;
  secret: string;
  consumerKey: string;
  callback: string;
  createdAt: number;
  /** Set when the person allowed access. */
  verifier?: string;
  member?: string;
  scopes?: string[];
  expiration?: string;
  used: boolean;
}

const SCOPES = ['read', 'write', 'account'];
const EXPIRATIONS: Record<string, number | null> = { '1hour': 3600, '1day': 86_400, '30days': 2_592_000, never: null };
/** How far a signed request's timestamp may be from the server's clock, and how long its nonce is remembered. */
const TIMESTAMP_WINDOW_SECONDS = 300;
const REQUEST_TOKEN_TTL_MS = 10 * 60 * 1000;
const SESSION_COOKIE = 'trello_sandbox_member';

const text = (status: number, message: string): MockResponse => ({ status, text: message });
const form = (fields: Record<string, string>): MockResponse => ({ status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' }, text: new URLSearchParams(fields).toString() });
const html = (body: string): MockResponse => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, text: body });
const redirect = (location: string, headers: Record<string, string> = {}): MockResponse => ({ status: 302, headers: { location, ...headers } });

/**
 * Trello's OAuth 1.0a server (trello.com/1/OAuthGetRequestToken → OAuthAuthorizeToken →
 * OAuthGetAccessToken) with HMAC-SHA1 signatures checked on every call, timestamps within five
 * minutes and nonces used once; and the check of API calls, signed (OAuth 1.0a) or with Trello's
 * `key` and `token` query parameters. Consumers (API key + secret) must be registered.
 */
export function createTrelloOAuth1Server(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const consumers = new Map<string, string>();
  const requestTokens = new Map<string, RequestToken>();
  const grants = new Map<string, TrelloGrant>();
  const nonces = new Map<string, number>();

  const basePath = (request: MockRequest) => `${request.origin}${request.prefix}${request.path}`;

  /** Checks the signature, the timestamp and that the nonce is new; the token secret is the caller's to give. */
  function verify(request: MockRequest, oauth: Record<string, string>, tokenSecret: string): MockResponse | undefined {
    const consumerSecret = consumers.get(oauth.oauth_consumer_key ?? '');
    if (consumerSecret === undefined) return text(401, 'invalid key');
    const timestamp = Number(oauth.oauth_timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(now() / 1000 - timestamp) > TIMESTAMP_WINDOW_SECONDS) return text(401, 'invalid timestamp');
    const form = request.contentType === 'application/x-www-form-urlencoded' && request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : undefined;
    if (!signatureMatches({ method: request.method, baseUri: basePath(request), query: request.query, form, oauth }, consumerSecret, tokenSecret)) return text(401, 'invalid signature');
    for (const [key, at] of nonces) if (at < now() - TIMESTAMP_WINDOW_SECONDS * 2000) nonces.delete(key);
    const nonceKey = `${oauth.oauth_consumer_key}|${oauth.oauth_token ?? ''}|${oauth.oauth_timestamp}|${oauth.oauth_nonce}`;
    if (!oauth.oauth_nonce || nonces.has(nonceKey)) return text(401, 'invalid nonce');
    nonces.set(nonceKey, now());
    return undefined;
  }

  function requestToken(request: MockRequest): MockResponse {
    const oauth = parseOAuthHeader(header(request)) ?? {};
    const failed = verify(request, oauth, '');
    if (failed) return failed;
    const callback = oauth.oauth_callback;
    if (!callback || (callback !== 'oob' && !URL.canParse(callback))) return text(400, 'invalid oauth_callback');
    const key = randomBytes(16).toString('hex');
    const secret = randomBytes(16).toString('hex');
    requestTokens.set(key, { key, secret, consumerKey: oauth.oauth_consumer_key!, callback, createdAt: now(), used: false });
    return form({ oauth_token: key, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
  }

  function sessionMember(request: MockRequest): string | undefined {
    const cookie = String(request.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return cookie ? decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)) || undefined : undefined;
  }

  /** GET: sign in (once per browser), then "Allow access"; POST: the person's answer, back to the app's callback. */
  function authorize(request: MockRequest): MockResponse {
    const fields = request.method === 'POST' && request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : Object.fromEntries(request.query);
    const pending = requestTokens.get(fields.oauth_token ?? '');
    if (!pending || pending.used || pending.verifier || now() - pending.createdAt > REQUEST_TOKEN_TTL_MS) return text(400, 'invalid token');
    const scopes = (fields.scope ?? 'read').split(',').map((s) => s.trim()).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s))) return text(400, 'invalid scope');
    const expiration = fields.expiration ?? '30days';
    if (!(expiration in EXPIRATIONS)) return text(400, 'invalid expiration');
    const member = sessionMember(request);
    const action = `${request.prefix}/1/OAuthAuthorizeToken`;
    if (!member) return html(loginPage(`${action}/login`, `${action}?${new URLSearchParams(fields).toString()}`));
    if (request.method === 'GET') {
      const carried = { oauth_token: pending.key, scope: scopes.join(','), expiration, ...(fields.name ? { name: fields.name } : {}) };
      return html(consentPage({ action, app: fields.name || 'An unknown application', member, scopes, expiration, fields: carried }));
    }
    if (pending.callback === 'oob') return text(400, 'out-of-band callbacks are not served by the sandbox');
    const back = new URL(pending.callback);
    back.searchParams.set('oauth_token', pending.key);
    if (fields.approve !== undefined) {
      // RFC 5849 §2.2: the server adds its parameters to the callback's own query.
      pending.verifier = randomBytes(16).toString('hex');
      Object.assign(pending, { member, scopes, expiration });
      back.searchParams.set('oauth_verifier', pending.verifier);
    }
    // Denied: back to the app with the token and no verifier, so the app can tell the person.
    return redirect(back.href);
  }

  function login(request: MockRequest): MockResponse {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : {};
    const member = (body.login ?? '').trim();
    const back = body.return ?? '';
    if (!member || !back.startsWith(`${request.prefix}/`)) return text(400, 'missing login');
    return redirect(back, { 'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(member)}; Path=${request.prefix}; HttpOnly; SameSite=Lax` });
  }

  function accessToken(request: MockRequest): MockResponse {
    const oauth = parseOAuthHeader(header(request)) ?? {};
    const pending = requestTokens.get(oauth.oauth_token ?? '');
    if (!pending) return text(401, 'invalid token');
    const failed = verify(request, oauth, pending.secret);
    if (failed) return failed;
    if (pending.consumerKey !== oauth.oauth_consumer_key || pending.used || !pending.verifier || oauth.oauth_verifier !== pending.verifier || now() - pending.createdAt > REQUEST_TOKEN_TTL_MS) {
      return text(401, 'invalid verifier');
    }
    pending.used = true;
    const grant = issue({ consumerKey: pending.consumerKey, member: pending.member!, scopes: pending.scopes!, expiration: pending.expiration!, signed: true });
    return form({ oauth_token: grant.token, oauth_token_secret: grant.secret! });
  }

  function issue(options: { consumerKey: string; member: string; scopes: string[]; expiration: string; signed: boolean }): TrelloGrant {
    // Trello's current user tokens: `ATTA` and 72 more characters.
    const token = `ATTA${randomBytes(36).toString('hex')}`;
    const lifetime = EXPIRATIONS[options.expiration] ?? null;
    const grant: TrelloGrant = {
      token,
      secret: options.signed ? randomBytes(32).toString('hex') : null,
      consumerKey: options.consumerKey,
      member: options.member,
      scopes: options.scopes,
      expiresAt: lifetime === null ? null : now() + lifetime * 1000,
    };
    grants.set(token, grant);
    return grant;
  }

  const header = (request: MockRequest) => (typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined);

  return {
    addConsumer(key: string, secret: string): void {
      consumers.set(key, secret);
    },
    /** The OAuth endpoints; undefined for any other path (the API). */
    handle(request: MockRequest): MockResponse | undefined {
      const route = `${request.method} ${request.path}`;
      if (route === 'POST /1/OAuthGetRequestToken') return requestToken(request);
      if (route === 'GET /1/OAuthAuthorizeToken' || route === 'POST /1/OAuthAuthorizeToken') return authorize(request);
      if (route === 'POST /1/OAuthAuthorizeToken/login') return login(request);
      if (route === 'POST /1/OAuthGetAccessToken') return accessToken(request);
      return undefined;
    },
    /**
     * The grant behind an API call: a signed request (OAuth 1.0a) or `key` + `token` query
     * parameters; Trello's 401 text otherwise. A token works only with the key that minted it.
     */
    authenticate(request: MockRequest): { grant: TrelloGrant } | { failure: MockResponse } {
      const oauth = parseOAuthHeader(header(request));
      let grant: TrelloGrant | undefined;
      if (oauth) {
        grant = grants.get(oauth.oauth_token ?? '');
        if (!grant || grant.secret === null || grant.consumerKey !== oauth.oauth_consumer_key) return { failure: text(401, 'invalid token') };
        const failed = verify(request, oauth, grant.secret);
        if (failed) return { failure: failed };
      } else {
        const key = request.query.get('key');
        if (!key) return { failure: text(401, 'invalid key') };
        grant = grants.get(request.query.get('token') ?? '');
        if (!grant || grant.consumerKey !== key) return { failure: text(401, 'invalid token') };
      }
      if (grant.expiresAt !== null && grant.expiresAt <= now()) return { failure: text(401, 'expired token') };
      return { grant };
    },
    /** A user token as `trello.com/1/authorize?response_type=token&key=…` hands out: for the key + token method. */
    issueUserToken(options: { apiKey: string; member: string; scopes?: string[]; expiration?: string }): string {
      return issue({ consumerKey: options.apiKey, member: options.member, scopes: options.scopes ?? ['read', 'write'], expiration: options.expiration ?? 'never', signed: false }).token;
    },
    /** An access token and secret as the three-legged flow ends with, for tests that do not drive the flow. */
    issueAccessToken(options: { consumerKey: string; member: string; scopes?: string[]; expiration?: string }): { key: string; secret: string } {
      const grant = issue({ consumerKey: options.consumerKey, member: options.member, scopes: options.scopes ?? ['read', 'write'], expiration: options.expiration ?? 'never', signed: true });
      return { key: grant.token, secret: grant.secret! };
    },
    revoke(token: string): boolean {
      return grants.delete(token);
    },
    grant(token: string): TrelloGrant | undefined {
      return grants.get(token);
    },
  };
}

export type TrelloOAuth1Server = ReturnType<typeof createTrelloOAuth1Server>;

/** A member id as Trello writes them (24 hex characters), stable per seed and username. */
export function memberId(seed: string, member: string): string {
  return createHash('sha256').update(`${seed}\u0000trello-member\u0000${member}`).digest('hex').slice(0, 24);
}
