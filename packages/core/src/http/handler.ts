import type { AuthorizationLinks } from '../links/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { isOnBehalfError, OnBehalfError } from '../errors.ts';
import type { AuthorizationFlow } from '../oauth/index.ts';
import type { OAuth1Flow } from '../oauth1/index.ts';
import type { CredentialField, Provider } from '../providers/index.ts';
import { consentValues } from './consent-values.ts';
import type { Runtime } from '../runtime.ts';
import type { LinkRow } from '../store/index.ts';
import { continuePage, messagePage, methodNotAllowed, SAFE_HEADERS } from './html.ts';
import { OAuthFailure, parseCookies, serializeCookie } from '../oauth/index.ts';
import type { AdminDashboard } from './admin-dashboard.ts';
import type { ConnectionsPage } from './connections-page.ts';

export interface HandlerContext {
  /**
   * The identifier of the app's signed-in user (from the adapter's `getIdentifier`). When the key
   * is present, a link proceeds only for that identifier; null means nobody is signed in (a 401
   * "sign in first" page). A number is compared as the string it is stored as.
   */
  identifier?: string | number | null;
  /**
   * Whether the request may see the admin dashboard (from the adapter's `authorizeAdmin`), asked
   * only for `/admin` routes. Absent means refused.
   */
  authorizeAdmin?: () => boolean | Promise<boolean>;
}

/** The hosted form, given a link the handler has already opened (and so checked). */
export interface CredentialFormHandler {
  render(target: FormTarget, request: Request): Promise<Response>;
  submit(target: FormTarget, request: Request): Promise<Response>;
}

export interface FormTarget {
  token: string;
  link: LinkRow;
  provider: Provider;
  /**
   * For an OAuth provider that needs values before consent: the fields still to ask for, the
   * values known so far, and how to go on to the provider with all of them (`extraCookies` are
   * set on that redirect).
   */
  consent?: { fields: CredentialField[]; known: Record<string, string>; start: (values: Record<string, string>, extraCookies: string[]) => Promise<Response> };
}

/** What each route serves: a hosted form is read (GET, HEAD) and sent (POST); the OAuth routes are GET only. */
const FORM_METHODS = ['GET', 'HEAD', 'POST'] as const;
const OAUTH_METHODS = ['GET'] as const;
/** Every method some route serves, for a request that names none of them. */
export const HANDLER_METHODS = FORM_METHODS;

const ROUTE = /\/(authorize|callback)\/([^/]+)\/?$/;
/** The connected-apps page and the admin dashboard (its path after `/admin` in group 1). */
const CONNECTIONS_PAGE = /\/connections\/?$/;
const ADMIN_PAGE = /\/admin((?:\/accounts\/[^/]+)?)\/?$/;

function redirect(location: string, cookies: string[] = [], status = 302): Response {
  const headers = new Headers({ ...SAFE_HEADERS, location });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status, headers });
}

/** Adds `onbehalf_status` (and the error code) so the app's page can tell what happened. */
function withOutcome(returnTo: string, connection: string, error?: string): string {
  const url = new URL(returnTo);
  url.searchParams.set('onbehalf_status', error ? 'error' : 'success');
  url.searchParams.set('onbehalf_connection', connection);
  if (error) url.searchParams.set('onbehalf_error', error);
  return url.href;
}

/**
 * The web-standard handler every adapter mounts: `(Request) => Response`. Routes are matched on
 * the end of the path, so it works under any prefix; public URLs come from `baseUrl`, never from
 * the request's Host header.
 */
export function createHandler(options: {
  runtime: Runtime;
  connections: ConnectionService;
  links: AuthorizationLinks;
  flow: AuthorizationFlow;
  /** The OAuth 1.0a flow (Trello), for connections whose method is `oauth1`. */
  oauth1Flow: OAuth1Flow;
  credentialForm: CredentialFormHandler;
  /** The end user's connected-apps page and the operator dashboard. */
  pages?: { connections: ConnectionsPage; admin: AdminDashboard };
}) {
  const { runtime, connections, links, flow, oauth1Flow, credentialForm, pages } = options;

  function errorPage(error: unknown): Response {
    if (!isOnBehalfError(error)) {
      runtime.logger.error('onbehalf handler failed', { error: error instanceof Error ? error.name : typeof error });
      return messagePage('Something went wrong', 'The connection could not be completed. Please try again.', 'err', 500);
    }
    const titles: Partial<Record<string, string>> = {
      LINK_NOT_FOUND: 'Link not valid',
      LINK_EXPIRED: 'Link expired',
      LINK_USED: 'Link already used',
      IDENTIFIER_MISMATCH: 'Wrong account',
      SIGN_IN_REQUIRED: 'Sign in first',
      INVALID_STATE: 'Authorization not recognised',
      ACCESS_DENIED: 'Access not granted',
      ACCOUNT_SUSPENDED: 'Account suspended',
      ACCOUNT_IDENTITY_MISMATCH: 'Another account',
      ACCOUNT_ALREADY_CONNECTED: 'Already connected',
    };
    if (error.status === 500) {
      // A fault on the app's side (configuration, keys, an undecryptable row, the database): its
      // message names tables and row ids, which are for the operator's log, not the person's page.
      runtime.logger.error('onbehalf authorization failed', { code: error.code, message: error.message, ...error.details });
      return messagePage('Something went wrong', 'The connection could not be completed because of a problem on our side. Please try again later.', 'err', 500);
    }
    // The provider refusing the code (forged, expired, already redeemed) is about what the browser
    // brought back, not an outage between us and the provider.
    if (error instanceof OAuthFailure && error.kind === 'invalid_grant') return messagePage('Connection failed', error.message, 'err', 400);
    if (error.status > 500) runtime.logger.warn('onbehalf authorization failed', { code: error.code, ...error.details });
    return messagePage(titles[error.code] ?? 'Connection failed', error.message, 'err', error.status);
  }

  async function authorize(token: string, request: Request, context: HandlerContext): Promise<Response> {
    const { link, account } = await links.open(token, context);
    const provider = await connections.providerOf(link.connection_name);
    if (provider.auth.type === 'oauth1') {
      if (request.method !== 'GET') return methodNotAllowed(OAUTH_METHODS);
      const { location, cookie } = await oauth1Flow.start(link, account, parseCookies(request.headers.get('cookie')));
      return redirect(location, [serializeCookie(cookie, runtime.baseUrl!)]);
    }
    if (provider.auth.type !== 'oauth2') {
      const target = { token, link, provider };
      if (!(FORM_METHODS as readonly string[]).includes(request.method)) return methodNotAllowed(FORM_METHODS);
      return request.method === 'POST' ? credentialForm.submit(target, request) : credentialForm.render(target, request);
    }
    const connection = await connections.get(link.connection_name);
    const { known, missing } = consentValues(provider, connection, account, link);
    const start = async (values: Record<string, string>, extraCookies: string[] = []) => {
      const { location, cookie } = await flow.start(link, account, parseCookies(request.headers.get('cookie')), values);
      const cookies = [serializeCookie(cookie, runtime.baseUrl!), ...extraCookies];
      // After the values form (a POST), a redirect to the provider would be stopped by the form's CSP.
      return request.method === 'POST' ? continuePage(location, provider.name, cookies) : redirect(location, cookies);
    };
    if (missing.length > 0) {
      // The provider's authorization URL depends on values nobody gave yet: ask the person first.
      if (!(FORM_METHODS as readonly string[]).includes(request.method)) return methodNotAllowed(FORM_METHODS);
      const target: FormTarget = { token, link, provider, consent: { fields: missing, known, start } };
      return request.method === 'POST' ? credentialForm.submit(target, request) : credentialForm.render(target, request);
    }
    if (request.method !== 'GET') return methodNotAllowed(OAUTH_METHODS);
    return start(known);
  }

  async function callback(connection: string, request: Request): Promise<Response> {
    if (request.method !== 'GET') return methodNotAllowed(OAUTH_METHODS);
    const query = new URL(request.url).searchParams;
    const cookies = parseCookies(request.headers.get('cookie'));
    let result;
    try {
      // An unknown connection goes to the OAuth 2.0 flow, which refuses its state like any other.
      const oauth1 = await connections.providerOf(connection).then((p) => p.auth.type === 'oauth1', () => false);
      result = oauth1 ? await oauth1Flow.complete(connection, query, cookies) : await flow.complete(connection, query, cookies);
    } catch (error) {
      return errorPage(error);
    }
    const cookie = serializeCookie(result.cookie, runtime.baseUrl!);
    if (result.returnTo) return redirect(withOutcome(result.returnTo, connection, result.error?.code), [cookie]);
    if (result.error) {
      return messagePage(result.error.code === 'access_denied' ? 'Access not granted' : 'Connection failed', result.error.message, 'err', result.error.code === 'access_denied' ? 403 : 400, { 'set-cookie': cookie });
    }
    return messagePage('Connected', 'Your account is connected. You can close this window and return to the app.', 'ok', 200, { 'set-cookie': cookie });
  }

  /** `/connections`: only ever the signed-in person's accounts, so it needs `getIdentifier`. */
  async function connectionsPage(page: ConnectionsPage, request: Request, context: HandlerContext): Promise<Response> {
    if (!('identifier' in context)) return messagePage('Not available', 'This app has not enabled the connected-apps page (it needs getIdentifier).', 'err', 404);
    if (context.identifier === null || context.identifier === undefined || context.identifier === '') return messagePage('Sign in first', 'Sign in to the app to manage your connected apps.', 'err', 401);
    if (request.method === 'POST') return page.submit(request, String(context.identifier));
    if (request.method === 'GET' || request.method === 'HEAD') return page.render(request, String(context.identifier));
    return methodNotAllowed(FORM_METHODS);
  }

  async function pageRoute(pathname: string, request: Request, context: HandlerContext): Promise<Response | undefined> {
    if (!pages) return undefined;
    if (CONNECTIONS_PAGE.test(pathname)) return connectionsPage(pages.connections, request, context);
    const admin = ADMIN_PAGE.exec(pathname);
    if (!admin) return undefined;
    // Refused unless the app says yes: no authorizeAdmin means nobody is an admin.
    if (!(context.authorizeAdmin && (await context.authorizeAdmin()) === true)) return messagePage('Forbidden', 'You are not allowed to open the admin dashboard.', 'err', 403);
    return pages.admin.serve(request, admin[1] ?? '');
  }

  return async function handler(request: Request, context: HandlerContext = {}): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const match = ROUTE.exec(pathname);
    if (!match) {
      try {
        if ((CONNECTIONS_PAGE.test(pathname) || ADMIN_PAGE.test(pathname)) && !runtime.baseUrl) throw new OnBehalfError('CONFIGURATION_ERROR', 'baseUrl is not set.');
        const page = await pageRoute(pathname, request, context);
        if (page) return page;
      } catch (error) {
        return errorPage(error);
      }
      return messagePage('Not found', 'There is nothing here.', 'err', 404);
    }
    const [, route, rawParam] = match as unknown as [string, 'authorize' | 'callback', string];
    let param: string;
    try {
      param = decodeURIComponent(rawParam);
    } catch {
      return messagePage('Not found', 'There is nothing here.', 'err', 404);
    }
    try {
      if (!runtime.baseUrl) throw new OnBehalfError('CONFIGURATION_ERROR', 'baseUrl is not set.');
      return route === 'authorize' ? await authorize(param, request, context) : await callback(param, request);
    } catch (error) {
      return errorPage(error);
    }
  };
}
