import { DEMO_CSS } from './demo-styles.ts';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface DemoPageOptions {
  /** e.g. "Express + LangChain" */
  stack: string;
  user: string;
  /** Which model answers; the offline stand-in says so here. */
  modelLabel: string;
}

/**
 * The example apps' single page: the signed-in user's connected accounts with Connect and
 * Disconnect, and a chat box for the agent. Plain HTML and a little JavaScript against four JSON
 * endpoints every example serves: GET /api/accounts, POST /api/connect/:connection,
 * POST /api/disconnect/:connection, POST /api/chat.
 */
export function renderDemoPage(options: DemoPageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>onbehalf demo — ${escape(options.stack)}</title>
<style>${DEMO_CSS}</style></head>
<body>
<header><h1>onbehalf demo — ${escape(options.stack)}</h1>
<p>Signed in as <strong data-testid="user">${escape(options.user)}</strong>. The agent acts on your behalf with the accounts you connect.</p>
<span class="model" data-testid="model">Model: ${escape(options.modelLabel)}</span></header>
<main>
<section aria-labelledby="accounts-title"><h2 id="accounts-title">Connected accounts</h2>
<p id="notice" role="status"></p>
<table><tbody id="accounts"><tr><td>Loading…</td></tr></tbody></table></section>
<section aria-labelledby="chat-title"><h2 id="chat-title">Ask the agent</h2>
<div id="log" aria-live="polite"></div>
<form id="chat"><label for="message" class="visually-hidden" hidden>Message</label>
<input id="message" name="message" autocomplete="off" placeholder="show my last 5 unread emails" required>
<button type="submit">Send</button></form></section>
</main>
<script>
const $ = (s) => document.querySelector(s);
const params = new URLSearchParams(location.search);
if (params.get('onbehalf_status')) {
  $('#notice').textContent = params.get('onbehalf_status') === 'success'
    ? 'Connected ' + params.get('onbehalf_connection') + '.'
    : 'Connecting ' + params.get('onbehalf_connection') + ' failed: ' + (params.get('onbehalf_error') || 'unknown error') + '.';
  history.replaceState(null, '', location.pathname);
}
async function loadAccounts() {
  const { connections } = await (await fetch('/api/accounts')).json();
  const rows = connections.map((c) => {
    const tr = document.createElement('tr');
    tr.dataset.connection = c.name;
    const name = document.createElement('td'); name.textContent = c.name;
    const status = document.createElement('td'); const badge = document.createElement('span');
    badge.className = 'status ' + c.status; badge.textContent = c.status; badge.dataset.testid = 'status-' + c.name; status.append(badge);
    const action = document.createElement('td'); const button = document.createElement('button');
    if (c.status === 'ACTIVE') { button.textContent = 'Disconnect'; button.className = 'secondary'; button.onclick = () => disconnect(c.name); }
    else { button.textContent = 'Connect'; button.onclick = () => connect(c.name); }
    button.setAttribute('aria-label', button.textContent + ' ' + c.name); action.append(button);
    tr.append(name, status, action); return tr;
  });
  $('#accounts').replaceChildren(...rows);
}
async function connect(name) {
  const { link } = await (await fetch('/api/connect/' + encodeURIComponent(name), { method: 'POST' })).json();
  location.href = link;
}
async function disconnect(name) {
  await fetch('/api/disconnect/' + encodeURIComponent(name), { method: 'POST' });
  $('#notice').textContent = 'Disconnected ' + name + '.';
  await loadAccounts();
}
function say(text, who) { const div = document.createElement('div'); div.className = 'msg ' + who; div.textContent = text; $('#log').append(div); div.scrollIntoView(); return div; }
$('#chat').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = $('#message').value.trim(); if (!message) return;
  $('#message').value = ''; say(message, 'user');
  const pending = say('…', 'agent');
  try {
    const response = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
    const result = await response.json();
    for (const call of result.toolCalls || []) {
      const tool = document.createElement('div'); tool.className = 'tool'; tool.dataset.testid = 'tool-call';
      tool.textContent = 'tool call › ' + call.name + ' ' + JSON.stringify(call.args);
      pending.before(tool);
    }
    pending.textContent = result.answer || result.error || '(no answer)';
    pending.dataset.testid = 'answer';
  } catch (error) { pending.textContent = 'Error: ' + error; }
  loadAccounts();
});
loadAccounts();
</script>
</body></html>`;
}
