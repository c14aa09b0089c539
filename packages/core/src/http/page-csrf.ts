import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { parseCookies, serializeCookie } from '../oauth/index.ts';
import type { Runtime } from '../runtime.ts';
import { sealingPasswords } from '../vault/index.ts';
import { readBody, sameBytes, sentFromOwnPage } from './form-guard.ts';

const CSRF_TTL_SECONDS = 60 * 60;
const MAX_BODY_BYTES = 8 * 1024;
const COOKIE = 'ob_page_csrf';

export type PagePost = { form: URLSearchParams } | { refused: { status: number; title: string; message: string } };

/**
 * CSRF protection for the connected-apps page and the admin dashboard, like the hosted credential
 * form's: a sealed token in each form, bound to who the page is for (`scope`, e.g. the signed-in
 * identifier), matched against a nonce in an HttpOnly cookie, plus the Origin / fetch-metadata
 * check. The nonce is kept while its cookie lives, so two tabs of the same page both stay valid.
 */
export function createPageCsrf(runtime: Runtime) {
  return {
    /** A token for forms rendered for `scope`, and the cookie to set when the browser has no nonce yet. */
    async issue(scope: string, request: Request): Promise<{ token: string; cookie?: string }> {
      const existing = parseCookies(request.headers.get('cookie'))[COOKIE];
      const nonce = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
      const token = await sealData({ scope, nonce }, { password: sealingPasswords(runtime.cookiePassword, runtime.vault.currentKeyId), ttl: CSRF_TTL_SECONDS });
      const cookie = nonce === existing ? undefined : serializeCookie({ name: COOKIE, value: nonce, maxAgeSeconds: CSRF_TTL_SECONDS }, runtime.baseUrl!);
      return { token, cookie };
    },

    /** The posted form when it came from our own page for `scope`; otherwise why it is refused. */
    async read(scope: string, request: Request): Promise<PagePost> {
      if (!sentFromOwnPage(request, new URL(runtime.baseUrl!).origin)) {
        return { refused: { status: 403, title: 'Request refused', message: 'This form can only be sent from its own page.' } };
      }
      const body = await readBody(request, MAX_BODY_BYTES);
      if ('refused' in body) return { refused: { status: body.refused === 'too large' ? 413 : 400, title: 'Request refused', message: 'The form could not be read.' } };
      const form = new URLSearchParams(body.text);
      const sealed = await unsealData<{ scope?: string; nonce?: string }>(form.get('_csrf') ?? '', { password: runtime.cookiePassword, ttl: CSRF_TTL_SECONDS }).catch(() => ({}) as { scope?: string; nonce?: string });
      const nonce = parseCookies(request.headers.get('cookie'))[COOKIE];
      if (sealed.scope !== scope || !sealed.nonce || !nonce || !sameBytes(sealed.nonce, nonce)) {
        return { refused: { status: 403, title: 'Form expired', message: 'This page is no longer valid. Reload it and try again.' } };
      }
      return { form };
    },
  };
}

export type PageCsrf = ReturnType<typeof createPageCsrf>;
