import type { ConnectedAccount } from '../accounts/index.ts';
import type { Connection, ConnectionService } from '../connections/index.ts';
import type { AccountsApi } from '../public-api/index.ts';
import type { Runtime } from '../runtime.ts';
import { escapeHtml, messagePage, SAFE_HEADERS } from './html.ts';
import type { PageCsrf } from './page-csrf.ts';
import { actionForm, appPage, seeOther, statusBadge } from './page-layout.ts';

/** What the page tells a person about each status, and what they can do about it. */
const STATUS_TEXT: Record<string, { badge: string; help?: string; actions: Array<'connect' | 'reconnect' | 'disconnect'> }> = {
  NONE: { badge: 'Not connected', actions: ['connect'] },
  PENDING: { badge: 'Not connected', help: 'The connection was started but not finished.', actions: ['connect'] },
  ACTIVE: { badge: 'Connected', actions: ['reconnect', 'disconnect'] },
  EXPIRED: { badge: 'Expired', help: 'Access expired or was withdrawn at the service. Reconnect to keep using it.', actions: ['reconnect', 'disconnect'] },
  REVOKED: { badge: 'Disconnected', actions: ['connect'] },
  ERROR: { badge: 'Needs attention', help: 'The connection stopped working. Reconnect to repair it.', actions: ['reconnect', 'disconnect'] },
  SUSPENDED: { badge: 'Paused', help: 'Paused by this app: it cannot use this account until the app resumes it.', actions: ['disconnect'] },
};

const VERBS = { connect: 'Connect', reconnect: 'Reconnect', disconnect: 'Disconnect' } as const;

const DEFAULT_ALIAS = 'default';

interface Entry {
  connection: Connection;
  title: string;
  account: ConnectedAccount | undefined;
  /** The last card of its connection, which offers "Connect another account". */
  last: boolean;
}

/** The alias for a further account: the first free `account-N`, counting the accounts there are. */
function nextAlias(taken: string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`account-${n}`)) return `account-${n}`;
}

/**
 * The end user's connected-apps page (`GET /connections`): every connection of the app with the
 * signed-in person's account in it; Connect / Reconnect are links and Disconnect a POST form, so it
 * works without JavaScript. Only ever about `identifier`, which the handler takes from the
 * adapter's `getIdentifier`; nothing secret is read, only statuses, scopes and the non-secret
 * provider values.
 */
export function createConnectionsPage(options: { runtime: Runtime; connections: ConnectionService; accounts: AccountsApi; csrf: PageCsrf; style?: string }) {
  const { runtime, connections, accounts, csrf, style } = options;
  const pagePath = () => `${new URL(runtime.baseUrl!).pathname.replace(/\/+$/, '')}/connections`;
  const scopeOf = (identifier: string) => `connections:${identifier}`;

  async function entries(identifier: string): Promise<Entry[]> {
    const all = await connections.list();
    const owned: ConnectedAccount[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = await accounts.list({ identifier, limit: 100, cursor });
      owned.push(...page.items);
      cursor = page.nextCursor;
    }
    // One card per account (the default one first), or one empty card for a connection with none.
    const byConnection = new Map<string, ConnectedAccount[]>();
    for (const account of owned) byConnection.set(account.connection, [...(byConnection.get(account.connection) ?? []), account]);
    const order = (a: ConnectedAccount) => (a.alias === DEFAULT_ALIAS ? '' : a.alias);
    const sharedProviders = new Set(all.map((c) => c.provider).filter((p, i, list) => list.indexOf(p) !== i));
    const perConnection = await Promise.all(
      all.map(async (connection) => {
        const name = (await connections.providerOf(connection.name)).name;
        const title = sharedProviders.has(connection.provider) ? `${name} (${connection.name})` : name;
        const accountsHere = (byConnection.get(connection.name) ?? []).sort((a, b) => order(a).localeCompare(order(b)));
        if (accountsHere.length === 0) return [{ connection, account: undefined, title, last: true }];
        return accountsHere.map((account, i) => ({ connection, account, title, last: i === accountsHere.length - 1 }));
      }),
    );
    return perConnection.flat();
  }

  function card(entry: Entry, token: string): string {
    const { connection, account, last } = entry;
    const alias = account?.alias ?? DEFAULT_ALIAS;
    // Named accounts say which one they are; the default one reads as it did before aliases.
    const title = alias === DEFAULT_ALIAS ? entry.title : `${entry.title} (${alias})`;
    const status = account?.status ?? 'NONE';
    const text = STATUS_TEXT[status]!;
    const missing = account?.status === 'ACTIVE' ? connection.scopes.filter((scope) => !account.scopes.includes(scope)) : [];
    const lines: string[] = [];
    if (account?.identity && account.status !== 'REVOKED') {
      lines.push(`<p class="identity">Signed in at the service as <strong>${escapeHtml(account.identity.display ?? account.identity.subject)}</strong></p>`);
    }
    const identity = Object.entries(account?.values ?? {});
    if (account && account.status !== 'REVOKED' && identity.length > 0) {
      lines.push(`<p class="muted">Connected as ${identity.map(([k, v]) => `${escapeHtml(k)} <strong>${escapeHtml(v)}</strong>`).join(', ')}</p>`);
    }
    if (account?.status === 'ACTIVE' && account.scopes.length > 0) lines.push(`<p class="muted">Access granted: ${account.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</p>`);
    if (missing.length > 0) lines.push(`<p class="warn">This app now asks for more access (${missing.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}). Reconnect to grant it.</p>`);
    if (text.help) lines.push(`<p class="muted">${escapeHtml(text.help)}</p>`);
    // Connect and Reconnect are links, not forms: the browser goes on from our page to the
    // provider, and a form's navigation may not be redirected off our origin (CSP form-action).
    const connectHref = (query: string) => `${pagePath()}?connect=${encodeURIComponent(connection.name)}${query}`;
    const aliasQuery = alias === DEFAULT_ALIAS ? '' : `&alias=${encodeURIComponent(alias)}`;
    const buttons = text.actions
      .map((action) =>
        action === 'disconnect'
          ? actionForm({ action: pagePath(), csrf: token, fields: { action, connection: connection.name, alias }, label: VERBS[action], accessibleName: `${VERBS[action]} ${title}`, secondary: true })
          : `<a class="button" href="${escapeHtml(connectHref(aliasQuery))}" aria-label="${escapeHtml(`${VERBS[action]} ${title}`)}">${VERBS[action]}</a>`,
      );
    // A second Gmail or Slack workspace: offered once the person has an account to add to.
    if (last && account && account.status !== 'PENDING') {
      buttons.push(`<a class="button secondary" href="${escapeHtml(connectHref('&another=1'))}" aria-label="${escapeHtml(`Connect another ${entry.title} account`)}">Connect another account</a>`);
    }
    const id = `c-${escapeHtml(connection.name)}${alias === DEFAULT_ALIAS ? '' : `-${escapeHtml(alias)}`}`;
    const aliasAttribute = alias === DEFAULT_ALIAS ? '' : ` data-alias="${escapeHtml(alias)}"`;
    return `<section class="card" aria-labelledby="${id}" data-connection="${escapeHtml(connection.name)}"${aliasAttribute}><div class="row"><h2 id="${id}">${escapeHtml(title)}</h2>${statusBadge(status, text.badge)}</div>${lines.join('')}<div class="row">${buttons.join(' ')}</div></section>`;
  }

  /** What the OAuth callback and the Disconnect button report back through the query string. */
  function notice(url: URL, list: Entry[]): string {
    const outcome = url.searchParams.get('onbehalf_status');
    const entry = list.find((e) => e.connection.name === url.searchParams.get('onbehalf_connection'));
    if (!entry || !outcome) return '';
    const [message, tone] =
      outcome === 'success' ? [`Connected ${entry.title}.`, ''] : outcome === 'disconnected' ? [`Disconnected ${entry.title}.`, ''] : [`${entry.title} was not connected. Please try again.`, ' err'];
    return `<p class="notice${tone}" role="status">${escapeHtml(message)}</p>`;
  }

  /**
   * `?connect=<name>`: sends the person on to consent through a fresh (or still live) link. Only
   * from our own page: fetch metadata naming another site means someone else's page sent the
   * browser here, and it gets the page instead (where the person can click Connect themselves).
   */
  async function connect(request: Request, identifier: string, name: string, list: Entry[]): Promise<Response | undefined> {
    const site = request.headers.get('sec-fetch-site');
    if ((site !== null && site !== 'same-origin') || !list.some((e) => e.connection.name === name)) return undefined;
    const query = new URL(request.url).searchParams;
    const taken = list.filter((e) => e.connection.name === name && e.account).map((e) => e.account!.alias);
    // `another`: a new account under a fresh alias; `alias`: one of the person's own accounts only.
    // A further account started and left unfinished is offered again rather than another one.
    const unfinished = list.find((e) => e.connection.name === name && e.account?.status === 'PENDING' && e.account.alias !== DEFAULT_ALIAS)?.account?.alias;
    const alias = query.get('another') === '1' ? (unfinished ?? nextAlias(taken)) : (query.get('alias') ?? DEFAULT_ALIAS);
    if (query.get('another') !== '1' && alias !== DEFAULT_ALIAS && !taken.includes(alias)) return undefined;
    const back = `${runtime.baseUrl!}/connections`;
    // `reuse`: clicking Connect twice hands out the same live link instead of minting another.
    const { link } = await accounts.authorizationLink({ connection: name, identifier, ...(alias !== DEFAULT_ALIAS ? { alias } : {}), returnTo: back, reuse: true });
    return new Response(null, { status: 302, headers: { ...SAFE_HEADERS, location: link } });
  }

  return {
    async render(request: Request, identifier: string): Promise<Response> {
      const list = await entries(identifier);
      const wanted = new URL(request.url).searchParams.get('connect');
      const started = wanted === null ? undefined : await connect(request, identifier, wanted, list);
      if (started) return started;
      const { token, cookie } = await csrf.issue(scopeOf(identifier), request);
      const cards = list.length > 0 ? list.map((entry) => card(entry, token)).join('') : '<p>This app has no services to connect yet.</p>';
      const body = `${notice(new URL(request.url), list)}<p class="muted">Services this app can use on your behalf. Disconnecting removes the app's access.</p>${cards}`;
      return appPage({ title: 'Connected apps', body, cookies: cookie ? [cookie] : [], style });
    },

    async submit(request: Request, identifier: string): Promise<Response> {
      const posted = await csrf.read(scopeOf(identifier), request);
      if ('refused' in posted) return messagePage(posted.refused.title, posted.refused.message, 'err', posted.refused.status);
      const name = posted.form.get('connection') ?? '';
      const known = (await connections.list()).some((c) => c.name === name);
      if (!known || posted.form.get('action') !== 'disconnect') return messagePage('Request refused', 'That action is not available on this page.', 'err', 400);
      const alias = posted.form.get('alias') || DEFAULT_ALIAS;
      // Only an account the person has: a made-up alias is refused like any unknown action.
      const owned = await accounts.get({ connection: name, identifier, alias }).then(() => true, () => false);
      if (!owned) return messagePage('Request refused', 'That action is not available on this page.', 'err', 400);
      await accounts.revoke({ connection: name, identifier, alias });
      const back = new URL(`${runtime.baseUrl!}/connections`);
      back.searchParams.set('onbehalf_status', 'disconnected');
      back.searchParams.set('onbehalf_connection', name);
      return seeOther(back.href);
    },
  };
}

export type ConnectionsPage = ReturnType<typeof createConnectionsPage>;
