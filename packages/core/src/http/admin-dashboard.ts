import { ACCOUNT_STATUSES, isAccountStatus, type AccountStatus, type ConnectedAccount } from '../accounts/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { isOnBehalfError } from '../errors.ts';
import type { AccountsApi } from '../public-api/index.ts';
import type { Runtime } from '../runtime.ts';
import type { AdminQueries } from './admin-queries.ts';
import { connectionProblems } from './connection-problems.ts';
import { escapeHtml, messagePage } from './html.ts';
import type { PageCsrf } from './page-csrf.ts';
import { actionForm, appPage, seeOther, statusBadge } from './page-layout.ts';

const PAGE_SIZE = 25;
const USAGE_DAYS = 30;
const SCOPE = 'admin';
const ACTIONS = ['link', 'refresh', 'revoke', 'suspend', 'resume'] as const;
type Action = (typeof ACTIONS)[number];
const DONE: Record<Action, string> = { link: 'Authorization link created.', refresh: 'Token refreshed.', revoke: 'Account revoked.', suspend: 'Account suspended.', resume: 'Account resumed.' };

const when = (date: Date | null) => (date ? `<time datetime="${date.toISOString()}">${escapeHtml(date.toISOString().replace('T', ' ').slice(0, 19))} UTC</time>` : '—');
const codeList = (items: string[]) => (items.length ? items.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ') : '—');

/** Which actions make sense in a status (the status machine refuses the rest anyway). */
function actionsFor(account: ConnectedAccount): Action[] {
  const actions: Action[] = ['link'];
  if (account.status === 'ACTIVE' && (account.authType === 'oauth2')) actions.push('refresh');
  if (account.status === 'SUSPENDED') actions.push('resume');
  else if (account.status !== 'REVOKED' && account.status !== 'PENDING') actions.push('suspend');
  if (account.status !== 'REVOKED') actions.push('revoke');
  return actions;
}

/**
 * The operator dashboard under `/admin`: connections with the redirect URI to register and what
 * is wrong with their configuration; accounts with filters, counts per status and cursor
 * pagination; an account's health, usage and audit trail; and the actions an operator takes
 * (send a link, refresh, revoke, suspend, resume) as CSRF-protected forms. The handler lets a
 * request in only when the app's `authorizeAdmin` said yes. Nothing secret is shown: statuses,
 * identifiers, scopes, non-secret values and audit facts only.
 */
export function createAdminDashboard(options: { runtime: Runtime; connections: ConnectionService; accounts: AccountsApi; queries: AdminQueries; csrf: PageCsrf; style?: string }) {
  const { runtime, connections, accounts, queries, csrf, style } = options;
  const adminPath = () => `${new URL(runtime.baseUrl!).pathname.replace(/\/+$/, '')}/admin`;
  const accountPath = (id: string) => `${adminPath()}/accounts/${encodeURIComponent(id)}`;

  async function connectionsSection(): Promise<string> {
    const rows = await Promise.all(
      (await connections.list()).map(async (connection) => {
        const provider = await connections.providerOf(connection.name);
        const problems = connectionProblems(connection, provider, runtime.baseUrl);
        const problemCell = problems.length ? `<ul class="warn">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '<span class="s-ACTIVE">OK</span>';
        return `<tr><td>${escapeHtml(connection.name)}</td><td>${escapeHtml(provider.name)}</td><td>${escapeHtml(connection.authType)}</td><td>${connection.redirectUri ? `<code>${escapeHtml(connection.redirectUri)}</code>` : '—'}</td><td>${codeList(connection.scopes)}</td><td>${problemCell}</td></tr>`;
      }),
    );
    return `<h2 id="connections">Connections</h2><table aria-labelledby="connections"><thead><tr><th scope="col">Name</th><th scope="col">Provider</th><th scope="col">Method</th><th scope="col">Redirect URI to register</th><th scope="col">Scopes</th><th scope="col">Configuration</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="6">No connections configured.</td></tr>'}</tbody></table>`;
  }

  async function accountsSection(url: URL): Promise<string> {
    const connection = url.searchParams.get('connection') || undefined;
    const identifier = url.searchParams.get('identifier') || undefined;
    const rawStatus = url.searchParams.get('status') || undefined;
    const status: AccountStatus | undefined = rawStatus && isAccountStatus(rawStatus) ? rawStatus : undefined;
    const cursor = url.searchParams.get('cursor') || undefined;
    const names = (await connections.list()).map((c) => c.name);
    const [page, counts] = await Promise.all([accounts.list({ connection, identifier, status, cursor, limit: PAGE_SIZE }), queries.countsByStatus({ connection, identifier })]);
    const option = (value: string, selected: string | undefined, label = value) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
    const filters = `<form method="get" action="${escapeHtml(adminPath())}" class="row" role="search" aria-label="Filter accounts">
<div><label for="f-connection">Connection</label><select id="f-connection" name="connection">${option('', connection, 'All')}${names.map((n) => option(n, connection)).join('')}</select></div>
<div><label for="f-status">Status</label><select id="f-status" name="status">${option('', status, 'All')}${ACCOUNT_STATUSES.map((s) => option(s, status)).join('')}</select></div>
<div><label for="f-identifier">Identifier</label><input id="f-identifier" name="identifier" value="${escapeHtml(identifier ?? '')}" autocomplete="off"></div>
<div><button type="submit">Filter</button></div></form>`;
    const countList = `<p class="row" aria-label="Accounts per status">${ACCOUNT_STATUSES.map((s) => `${statusBadge(s, `${s} ${counts[s]}`)}`).join(' ')}</p>`;
    const rows = page.items
      .map((a) => `<tr><td><a href="${escapeHtml(accountPath(a.id))}">${escapeHtml(a.identifier)}</a></td><td>${escapeHtml(a.connection)}</td><td>${statusBadge(a.status)}</td><td>${when(a.expiresAt)}</td><td>${when(a.updatedAt)}</td></tr>`)
      .join('');
    let next = '';
    if (page.nextCursor) {
      const nextUrl = new URLSearchParams();
      if (connection) nextUrl.set('connection', connection);
      if (status) nextUrl.set('status', status);
      if (identifier) nextUrl.set('identifier', identifier);
      nextUrl.set('cursor', page.nextCursor);
      next = `<p><a href="${escapeHtml(`${adminPath()}?${nextUrl}`)}" rel="next">Next page</a></p>`;
    }
    return `<h2 id="accounts">Accounts</h2>${filters}${countList}<table aria-labelledby="accounts"><thead><tr><th scope="col">Identifier</th><th scope="col">Connection</th><th scope="col">Status</th><th scope="col">Token expires</th><th scope="col">Updated</th></tr></thead><tbody>${rows || '<tr><td colspan="5">No accounts match.</td></tr>'}</tbody></table>${next}`;
  }

  async function overview(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = `<p class="muted">Operator view of onbehalf. Nothing secret is shown here.</p>${await connectionsSection()}${await accountsSection(url)}`;
    return appPage({ title: 'onbehalf admin', body, style });
  }

  async function detail(request: Request, id: string, extra: { notice?: string; error?: string; link?: string; status?: number } = {}): Promise<Response> {
    const account = await accounts.get({ id });
    await runtime.auditWriter.flush();
    const from = new Date(runtime.now() - USAGE_DAYS * 86_400_000);
    const [trail, usage, health] = await Promise.all([queries.auditTrail(id), queries.usage(id, from), queries.refreshHealth(id)]);
    const { token, cookie } = await csrf.issue(SCOPE, request);
    const notice = extra.error
      ? `<p class="notice err" role="alert">${escapeHtml(extra.error)}</p>`
      : extra.notice
        ? `<p class="notice" role="status">${escapeHtml(extra.notice)}</p>`
        : '';
    const linkBox = extra.link
      ? `<div class="card"><label for="new-link">Authorization link for ${escapeHtml(account.identifier)}</label><input id="new-link" readonly value="${escapeHtml(extra.link)}" style="width:100%"><p class="muted">Send it to the person; it works once and expires.</p></div>`
      : '';
    const values = Object.entries(account.values);
    const facts = `<dl>
<dt>Identifier</dt><dd>${escapeHtml(account.identifier)} <span class="muted">(${escapeHtml(account.identifierType)})</span></dd>
<dt>Connection</dt><dd>${escapeHtml(account.connection)} <span class="muted">(${escapeHtml(account.provider)}, ${escapeHtml(account.authType)})</span></dd>
<dt>Status</dt><dd>${statusBadge(account.status)}${account.statusReason ? ` <span class="muted">${escapeHtml(account.statusReason)}</span>` : ''}</dd>
<dt>Provider values</dt><dd>${values.length ? values.map(([k, v]) => `${escapeHtml(k)}: <code>${escapeHtml(v)}</code>`).join(', ') : '—'}</dd>
<dt>Scopes</dt><dd>${codeList(account.scopes)}</dd>
<dt>Token expires</dt><dd>${when(account.expiresAt)}</dd>
<dt>Authorized</dt><dd>${when(account.authorizedAt)}</dd>
<dt>Last refreshed</dt><dd>${when(account.lastRefreshedAt)}</dd>
<dt>Refresh failures</dt><dd>${health?.refreshFailures ?? 0}${health?.nextRefreshAt ? `, next refresh ${when(health.nextRefreshAt)}` : ''}</dd>
<dt>Tool calls (${USAGE_DAYS} days)</dt><dd>${usage.toolCalls} (${usage.failedToolCalls} failed)${usage.lastToolCallAt ? `, last ${when(usage.lastToolCallAt)}` : ''}</dd>
<dt>Created</dt><dd>${when(account.createdAt)}</dd></dl>`;
    const labels: Record<Action, string> = { link: 'Create authorization link', refresh: 'Refresh token', revoke: 'Revoke', suspend: 'Suspend', resume: 'Resume' };
    const buttons = actionsFor(account)
      .map((action) => actionForm({ action: accountPath(id), csrf: token, fields: { action }, label: labels[action], secondary: action === 'revoke' || action === 'suspend' }))
      .join(' ');
    const events = trail
      .map((e) => `<tr><td>${when(e.at)}</td><td><code>${escapeHtml(e.type)}</code></td><td><code>${escapeHtml(JSON.stringify(e.data))}</code></td></tr>`)
      .join('');
    const body = `<p><a href="${escapeHtml(adminPath())}">← All accounts</a></p>${notice}${linkBox}<section class="card" aria-label="Account">${facts}</section>
<h2 id="actions">Actions</h2><div class="row" role="group" aria-labelledby="actions">${buttons}</div>
<h2 id="audit">Audit trail</h2><table aria-labelledby="audit"><thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Details</th></tr></thead><tbody>${events || '<tr><td colspan="3">No events yet.</td></tr>'}</tbody></table>`;
    return appPage({ title: `Account ${account.identifier} · ${account.connection}`, body, status: extra.status, cookies: cookie ? [cookie] : [], style });
  }

  async function act(request: Request, id: string): Promise<Response> {
    const posted = await csrf.read(SCOPE, request);
    if ('refused' in posted) return messagePage(posted.refused.title, posted.refused.message, 'err', posted.refused.status);
    const action = posted.form.get('action') as Action;
    if (!ACTIONS.includes(action)) return messagePage('Request refused', 'Unknown action.', 'err', 400);
    const ref = { id };
    try {
      if (action === 'link') {
        const account = await accounts.get(ref);
        const { link } = await accounts.authorizationLink({ connection: account.connection, identifier: account.identifier, expiresIn: 7 * 24 * 3600 });
        // Shown on the page, never put in a redirect URL (it would land in logs and history).
        return detail(request, id, { notice: DONE.link, link });
      }
      if (action === 'refresh') await accounts.refresh(ref);
      else if (action === 'revoke') await accounts.revoke(ref);
      else if (action === 'suspend') await accounts.suspend(ref, { reason: 'suspended from the admin dashboard' });
      else await accounts.resume(ref);
    } catch (error) {
      if (!isOnBehalfError(error) || error.code === 'ACCOUNT_NOT_FOUND') throw error;
      return detail(request, id, { error: `${action} failed: ${error.code}: ${error.message}`, status: error.status >= 500 ? 502 : error.status });
    }
    return seeOther(`${runtime.baseUrl!}/admin/accounts/${encodeURIComponent(id)}?done=${action}`);
  }

  return {
    /** `rest` is the path after `/admin` (`''`, `/accounts/<id>`). */
    async serve(request: Request, rest: string): Promise<Response> {
      const accountMatch = /^\/accounts\/([^/]+)\/?$/.exec(rest);
      if (rest === '' || rest === '/') {
        return request.method === 'GET' || request.method === 'HEAD' ? overview(request) : messagePage('Method not allowed', 'This address answers only GET requests.', 'err', 405, { allow: 'GET, HEAD' });
      }
      if (!accountMatch) return messagePage('Not found', 'There is nothing here.', 'err', 404);
      const id = decodeURIComponent(accountMatch[1]!);
      if (request.method === 'POST') return act(request, id);
      if (request.method !== 'GET' && request.method !== 'HEAD') return messagePage('Method not allowed', 'This address answers only GET, HEAD, POST requests.', 'err', 405, { allow: 'GET, HEAD, POST' });
      const done = new URL(request.url).searchParams.get('done') as Action | null;
      return detail(request, id, { notice: done && ACTIONS.includes(done) ? DONE[done] : undefined });
    },
  };
}

export type AdminDashboard = ReturnType<typeof createAdminDashboard>;
