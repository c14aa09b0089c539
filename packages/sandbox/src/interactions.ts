import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { escapeHtml, renderPage } from './html.ts';
import { readForm } from './read-form.ts';

/** Where oidc-provider sends the browser for login and consent (its default interactions.url). */
export const INTERACTION_PREFIX = '/interaction/';

/** Form ids the headless user agent looks for; keep in sync with `user-agent.ts`. */
export const FORM_IDS = { login: 'login', approve: 'approve', deny: 'deny' } as const;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(html);
}

function loginPage(uid: string, clientId: string, error?: string): string {
  return renderPage('Sign in', `
<p>Sign in to continue to <code>${escapeHtml(clientId)}</code>.</p>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form id="${FORM_IDS.login}" method="post" action="${INTERACTION_PREFIX}${escapeHtml(uid)}/login" autocomplete="off">
<label>User name <input type="text" name="login" autofocus required></label>
<button type="submit">Sign in</button>
</form>
<p class="note">Sandbox: any user name is accepted, no password.</p>`);
}

function consentPage(uid: string, clientId: string, accountId: string, scopes: string[]): string {
  const items = scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return renderPage('Authorize', `
<p><code>${escapeHtml(clientId)}</code> wants to act on behalf of <strong>${escapeHtml(accountId)}</strong>.</p>
${items ? `<p>Requested scopes:</p><ul>${items}</ul>` : ''}
<div class="actions">
<form id="${FORM_IDS.approve}" method="post" action="${INTERACTION_PREFIX}${escapeHtml(uid)}/confirm"><button type="submit">Allow</button></form>
<form id="${FORM_IDS.deny}" method="post" action="${INTERACTION_PREFIX}${escapeHtml(uid)}/abort"><button type="submit">Deny</button></form>
</div>`);
}

/**
 * Minimal login and consent screens on top of `provider.interactionDetails/interactionFinished`,
 * in place of oidc-provider's devInteractions: these grant every requested scope (not only the
 * ones devInteractions knows about), render stable form ids for the headless user agent, and do
 * not print development warnings.
 */
export function createInteractions(getProvider: () => Provider): Handler {
  const show = async (req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> => {
    const provider = getProvider();
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      send(res, 400, renderPage('Error', '<p>This sign-in attempt is not the current one.</p>'));
      return;
    }
    const clientId = String(details.params.client_id ?? '');
    if (details.prompt.name === 'login') {
      send(res, 200, loginPage(uid, clientId));
      return;
    }
    const scope = typeof details.params.scope === 'string' ? details.params.scope : '';
    send(res, 200, consentPage(uid, clientId, details.session?.accountId ?? '', scope.split(' ').filter(Boolean)));
  };

  const login = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const provider = getProvider();
    const form = await readForm(req);
    const details = await provider.interactionDetails(req, res);
    const accountId = (form.get('login') ?? '').trim();
    if (details.prompt.name !== 'login' || !accountId) {
      send(res, 400, loginPage(details.uid, String(details.params.client_id ?? ''), 'Enter a user name.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  };

  const confirm = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const provider = getProvider();
    await readForm(req);
    const { prompt, grantId, session, params } = await provider.interactionDetails(req, res);
    if (prompt.name !== 'consent' || !session) {
      send(res, 400, renderPage('Error', '<p>Nothing to consent to yet.</p>'));
      return;
    }
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    if (!grant) {
      send(res, 400, renderPage('Error', '<p>The grant being extended no longer exists.</p>'));
      return;
    }
    // Same bookkeeping as oidc-provider's devInteractions: grant exactly what was found missing.
    const details = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const result: InteractionResults = { consent: { grantId: await grant.save() } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  };

  const abort = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await readForm(req);
    await getProvider().interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'End-User denied the authorization request',
    }, { mergeWithLastSubmission: false });
  };

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const [uid = '', action] = path.slice(INTERACTION_PREFIX.length).split('/');
    try {
      if (req.method === 'GET' && action === undefined) return await show(req, res, uid);
      if (req.method === 'POST' && action === 'login') return await login(req, res);
      if (req.method === 'POST' && action === 'confirm') return await confirm(req, res);
      if (req.method === 'POST' && action === 'abort') return await abort(req, res);
      send(res, 404, renderPage('Not found', '<p>Unknown interaction route.</p>'));
    } catch (error) {
      // Typically SessionNotFound: the interaction cookie is missing or the interaction expired.
      const message = error instanceof Error ? error.message : 'interaction failed';
      if (!res.headersSent) send(res, 400, renderPage('Error', `<p class="error">${escapeHtml(message)}</p>`));
    }
  };
}
