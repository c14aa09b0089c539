import { createCookieJar } from './cookie-jar.ts';
import type { CookieJar } from './cookie-jar.ts';
import { parseForms } from './html-forms.ts';
import type { HtmlForm } from './html-forms.ts';
import { FORM_IDS } from './interactions.ts';
import type { ConsentOptions, ConsentResult } from './types.ts';

export interface UserAgentOptions {
  /** The authorization server's origin: the agent stops at the first redirect that leaves it. */
  origin: string | URL;
  /** Guard against redirect loops; default 20 requests. */
  maxSteps?: number;
}

/** A scripted browser for the sandbox's sign-in and consent screens, with its own cookie jar. */
export interface UserAgent {
  /**
   * Follows `authorizationUrl` through sign-in (as `user`) and consent (allow, or deny with
   * `deny: true`) and returns the redirect to the client's redirect_uri without requesting it.
   * The agent keeps its session between calls, like a browser: a second authorization for the
   * same user and client may skip the screens. Signing in as another user starts a new session.
   */
  consent(authorizationUrl: string | URL, options: ConsentOptions): Promise<ConsentResult>;
  readonly cookies: CookieJar;
}

/** The visible text of an error page, for exception messages. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function createUserAgent(options: UserAgentOptions): UserAgent {
  const origin = new URL(options.origin).origin;
  const maxSteps = options.maxSteps ?? 20;
  const cookies = createCookieJar();
  let signedInAs: string | undefined;

  const choose = (forms: HtmlForm[], user: string, deny: boolean): { form: HtmlForm; fields: Record<string, string> } | undefined => {
    const byId = (id: string): HtmlForm | undefined => forms.find((f) => f.id === id);
    const login = byId(FORM_IDS.login);
    if (login) {
      signedInAs = user;
      return { form: login, fields: { ...login.fields, login: user } };
    }
    const consent = byId(deny ? FORM_IDS.deny : FORM_IDS.approve);
    return consent ? { form: consent, fields: consent.fields } : undefined;
  };

  return {
    cookies,
    async consent(authorizationUrl, { user, deny = false }) {
      if (signedInAs !== undefined && signedInAs !== user) {
        cookies.clear();
        signedInAs = undefined;
      }
      let url = new URL(authorizationUrl);
      let init: RequestInit = { method: 'GET' };
      let sawConsent = false;

      for (let step = 0; step < maxSteps; step += 1) {
        const headers = new Headers(init.headers);
        const cookie = cookies.header(url);
        if (cookie) headers.set('cookie', cookie);
        const response = await fetch(url, { ...init, headers, redirect: 'manual' });
        cookies.store(url, response.headers.getSetCookie());

        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          const target = new URL(location, url);
          if (target.origin !== origin) {
            if (deny && !sawConsent) {
              throw new Error('sandbox consent: asked to deny, but no consent screen was shown (the grant already existed)');
            }
            return { callbackUrl: target.href };
          }
          url = target;
          init = { method: 'GET' };
          continue;
        }

        const html = await response.text();
        const next = response.ok ? choose(parseForms(html), user, deny) : undefined;
        if (!next) {
          throw new Error(`sandbox consent: stuck at ${url.pathname} (HTTP ${response.status}): ${pageText(html)}`);
        }
        if (next.form.id !== FORM_IDS.login) sawConsent = true;
        const target = new URL(next.form.action || url.href, url);
        const body = new URLSearchParams(next.fields);
        if (next.form.method === 'GET') {
          target.search = body.toString();
          url = target;
          init = { method: 'GET' };
        } else {
          url = target;
          init = { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
        }
      }
      throw new Error(`sandbox consent: gave up after ${maxSteps} requests (redirect loop?)`);
    },
  };
}
