import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { sealingPasswords } from '../vault/index.ts';
import type { AccountService } from '../accounts/index.ts';
import type { StoredCredentials } from '../accounts/index.ts';
import { credentialFields, validateCredentialValues } from '../accounts/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { isOnBehalfError, OnBehalfError } from '../errors.ts';
import { authenticationFor, resolveApiBaseUrl } from '../api-client/index.ts';
import { checkFieldValues, providerPlaceholders, type Provider } from '../providers/index.ts';
import type { Runtime } from '../runtime.ts';
import type { CredentialFormHandler, FormTarget } from './handler.ts';
import { escapeHtml, htmlResponse, messagePage, renderPage, SAFE_HEADERS } from './html.ts';
import { readBody, sameBytes, sentFromOwnPage } from './form-guard.ts';
import { parseCookies, serializeCookie } from '../oauth/index.ts';

const FORM_TTL_SECONDS = 15 * 60;
const MAX_BODY_BYTES = 16 * 1024;
const VERIFY_TIMEOUT_MS = 10_000;

const csrfCookieName = (linkId: string) => `ob_csrf_${linkId.replace(/[^A-Za-z0-9]/g, '').slice(-16)}`;

/**
 * The hosted form for API-key, basic and bearer connections. CSRF: a sealed token in the form
 * bound to the link, matched by a nonce in an HttpOnly cookie, plus the origin check above. With
 * `api.verify`, the credentials are tried against the provider before anything is stored.
 */
export function createCredentialForm(options: { runtime: Runtime; connections: ConnectionService; accounts: AccountService }): CredentialFormHandler {
  const { runtime, connections, accounts } = options;

  function page(target: FormTarget, action: string, csrf: string, error?: string, status = 200, cookie?: string): Response {
    const { provider, consent } = target;
    const fields = (consent ? consent.fields : credentialFields(provider))
      .map((field) => {
        const id = `f_${escapeHtml(field.name)}`;
        const help = field.help ? `<p class="help" id="${id}_help">${escapeHtml(field.help)}</p>` : '';
        return `<label for="${id}">${escapeHtml(field.label)}</label>
<input id="${id}" name="${escapeHtml(field.name)}" type="${field.secret ? 'password' : 'text'}"${consent?.known[field.name] ? ` value="${escapeHtml(consent.known[field.name]!)}"` : ''}${field.required ? ' required' : ''}${field.pattern ? ` pattern="${escapeHtml(field.pattern)}"` : ''}${field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : ''} autocomplete="off" spellcheck="false"${field.help ? ` aria-describedby="${id}_help"` : ''}>${help}`;
      })
      .join('\n');
    const alert = error ? `<p class="alert" role="alert">${escapeHtml(error)}</p>` : '';
    const docs = provider.docsUrl ? `<p class="help">Where to find these: <a href="${escapeHtml(provider.docsUrl)}" rel="noreferrer noopener" target="_blank">${escapeHtml(provider.name)} documentation</a>.</p>` : '';
    const intro = consent
      ? `<p>${escapeHtml(provider.name)} needs to know where your account lives before you sign in there.</p>`
      : `<p>Enter your ${escapeHtml(provider.name)} credentials. They are encrypted and used only to act on your behalf.</p>`;
    const body = `${alert}${intro}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
${fields}
<button type="submit">Connect ${escapeHtml(provider.name)}</button>
</form>${docs}`;
    const response = htmlResponse(renderPage({ title: `Connect ${provider.name}`, tone: 'neutral', body }), status, cookie ? { 'set-cookie': cookie } : {});
    // Not `no-referrer`: under it a browser sends `Origin: null` with the form's POST. The link
    // token in this page's URL then goes, as Referer, to this origin only.
    response.headers.set('referrer-policy', 'same-origin');
    return response;
  }

  async function newCsrf(linkId: string): Promise<{ token: string; cookie: string }> {
    const nonce = randomBytes(24).toString('base64url');
    // Sealed with the current key only, opened with every key of the ring (see sealingPasswords).
    const token = await sealData({ link: linkId, nonce }, { password: sealingPasswords(runtime.cookiePassword, runtime.vault.currentKeyId), ttl: FORM_TTL_SECONDS });
    return { token, cookie: serializeCookie({ name: csrfCookieName(linkId), value: nonce, maxAgeSeconds: FORM_TTL_SECONDS }, runtime.baseUrl!) };
  }

  async function verify(provider: Provider, connectionName: string, stored: StoredCredentials): Promise<string | undefined> {
    if (!provider.api.verify || stored.type === 'oauth2' || stored.type === 'oauth1' || stored.type === 'jwt') return undefined;
    const connection = await connections.get(connectionName);
    const url = new URL(`${resolveApiBaseUrl(provider, connection.endpoints, { ...connection.settings, ...stored.values })}${provider.api.verify.path}`);
    const { headers, query } = authenticationFor(provider, stored);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, { method: provider.api.verify.method ?? 'GET', headers: { accept: 'application/json', ...provider.api.headers, ...headers }, redirect: 'manual', signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS) });
      await response.body?.cancel();
    } catch {
      return `${provider.name} could not be reached to check these credentials. Please try again.`;
    }
    if (response.status === 401 || response.status === 403) return `${provider.name} rejected these credentials. Check them and try again.`;
    if (!response.ok) return `${provider.name} could not check these credentials (HTTP ${response.status}). Please try again.`;
    return undefined;
  }

  /**
   * Two browsers (or two instances) can submit one link at the same time: the conditional write
   * that marks the link used decides which submit wins, and only the winner stores its
   * credentials, so the one told "Connected" is the one whose key is kept. If storing fails, the
   * claim is given back so the person can submit again.
   */
  async function storeOnce(linkId: string, store: () => Promise<unknown>): Promise<void> {
    const claimedAt = runtime.now();
    if (!(await runtime.linksRepo.markUsed(linkId, claimedAt))) {
      throw new OnBehalfError('LINK_USED', 'This authorization link has already been used. Ask for a new one.');
    }
    try {
      await store();
    } catch (error) {
      await runtime.linksRepo.release(linkId, claimedAt).catch(() => false);
      throw error;
    }
  }

  // The public path from baseUrl, not the one the app saw: a proxy may have rewritten the prefix.
  const formAction = (token: string) => `${new URL(runtime.baseUrl!).pathname.replace(/\/+$/, '')}/authorize/${encodeURIComponent(token)}`;

  return {
    async render(target) {
      const csrf = await newCsrf(target.link.id);
      return page(target, formAction(target.token), csrf.token, undefined, 200, csrf.cookie);
    },

    async submit(target, request) {
      const { token, link, provider } = target;
      if (!sentFromOwnPage(request, new URL(runtime.baseUrl!).origin)) {
        return messagePage('Request refused', 'This form can only be sent from its own page.', 'err', 403);
      }
      const body = await readBody(request, MAX_BODY_BYTES);
      if ('refused' in body) {
        return body.refused === 'too large'
          ? messagePage('Request refused', 'The form is too large.', 'err', 413)
          : messagePage('Request refused', 'The form did not arrive in full. Please send it again.', 'err', 400);
      }
      const form = new URLSearchParams(body.text);
      const sealed = await unsealData<{ link?: string; nonce?: string }>(form.get('_csrf') ?? '', { password: runtime.cookiePassword, ttl: FORM_TTL_SECONDS }).catch(() => ({}) as { link?: string; nonce?: string });
      const cookieNonce = parseCookies(request.headers.get('cookie'))[csrfCookieName(link.id)];
      if (sealed.link !== link.id || !sealed.nonce || !cookieNonce || !sameBytes(sealed.nonce, cookieNonce)) {
        return messagePage('Form expired', 'This form is no longer valid. Open the link again to get a fresh one.', 'err', 403);
      }
      const values: Record<string, string> = {};
      for (const field of target.consent?.fields ?? credentialFields(provider)) values[field.name] = form.get(field.name) ?? '';
      const action = formAction(token);
      const retry = async (message: string, status: number) => {
        const csrf = await newCsrf(link.id);
        return page(target, action, csrf.token, message, status, csrf.cookie);
      };
      if (target.consent) {
        // Values that decide where the person signs in: checked like a connection's settings
        // (a host label unless the field says otherwise), then on to the provider.
        const { values: checked, problems } = checkFieldValues(provider, target.consent.fields, values, providerPlaceholders(provider));
        if (problems.length > 0) return retry(`Please check: ${problems.join('; ')}.`, 400);
        const clear = serializeCookie({ name: csrfCookieName(link.id), value: '', maxAgeSeconds: 0 }, runtime.baseUrl!);
        return target.consent.start({ ...target.consent.known, ...checked }, [clear]);
      }
      let stored: StoredCredentials;
      try {
        stored = validateCredentialValues(provider, values);
      } catch (error) {
        if (isOnBehalfError(error, 'INVALID_CREDENTIALS')) return retry(error.message, 400);
        throw error;
      }
      const rejected = await verify(provider, link.connection_name, stored);
      if (rejected) return retry(rejected, 400);
      try {
        await storeOnce(link.id, () => accounts.setCredentials({ connection: link.connection_name, identifier: link.identifier, credentials: values }));
      } catch (error) {
        // Checks only setCredentials makes (a signing key that does not parse): the person may fix it.
        if (isOnBehalfError(error, 'INVALID_CREDENTIALS')) return retry(error.message, 400);
        throw error;
      }
      const clear = serializeCookie({ name: csrfCookieName(link.id), value: '', maxAgeSeconds: 0 }, runtime.baseUrl!);
      if (link.return_to) {
        const url = new URL(link.return_to);
        url.searchParams.set('onbehalf_status', 'success');
        url.searchParams.set('onbehalf_connection', link.connection_name);
        // 303: the browser follows with a GET, so a reload does not resubmit the form.
        return new Response(null, { status: 303, headers: { ...SAFE_HEADERS, location: url.href, 'set-cookie': clear } });
      }
      return messagePage('Connected', `Your ${provider.name} account is connected. You can close this window and return to the app.`, 'ok', 200, { 'set-cookie': clear });
    },
  };
}
