/** The sandbox's stand-ins for Trello's sign-in and "Allow access" screens (form ids the headless user agent knows). */

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const hidden = (fields: Record<string, string>) => Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Trello (onbehalf sandbox)</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function loginPage(action: string, returnTo: string): string {
  return page('Log in to Trello', `<form id="login" method="post" action="${escape(action)}">${hidden({ return: returnTo })}<label>Username <input type="text" name="login" required></label><button type="submit">Log in</button></form>`);
}

export function consentPage(options: { action: string; app: string; member: string; scopes: string[]; expiration: string; fields: Record<string, string> }): string {
  const { action, app, member, scopes, expiration, fields } = options;
  const lasting = expiration === 'never' ? 'until you revoke it' : `for ${expiration}`;
  return page(`Let ${app} use your account?`, `<p>Signed in as <strong>${escape(member)}</strong>. ${escape(app)} asks to ${escape(scopes.join(', '))} ${escape(lasting)}.</p>
<div class="actions"><form id="approve" method="post" action="${escape(action)}">${hidden({ ...fields, approve: 'Allow' })}<button type="submit">Allow</button></form>
<form id="deny" method="post" action="${escape(action)}">${hidden({ ...fields, deny: 'Deny' })}<button type="submit">Deny</button></form></div>`);
}
