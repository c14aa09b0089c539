import { escapeHtml, htmlResponse, SAFE_HEADERS } from './html.ts';

/**
 * The look of the connected-apps page and the admin dashboard. Every colour and radius is a CSS
 * variable, so an app restyles the pages by overriding them (`:root{--ob-accent:#…}`) in the
 * CSS it passes as `createOnBehalf({ pages: { style } })`, appended after these rules. The default palette keeps text at WCAG AA contrast, and
 * focus is always visible.
 */
const STYLE = `:root{--ob-font:system-ui,sans-serif;--ob-bg:#f6f7f9;--ob-surface:#fff;--ob-text:#1d2330;--ob-muted:#4a5262;--ob-border:#c9ced8;
--ob-accent:#2851d8;--ob-accent-text:#fff;--ob-danger:#a4262c;--ob-ok:#17693a;--ob-warn:#8a5300;--ob-radius:10px;--ob-focus:#ffbf47}
*{box-sizing:border-box}body{font:16px/1.5 var(--ob-font);margin:0;background:var(--ob-bg);color:var(--ob-text)}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
a{color:var(--ob-accent)}:focus-visible{outline:3px solid var(--ob-focus);outline-offset:2px}
.card{background:var(--ob-surface);border:1px solid var(--ob-border);border-radius:var(--ob-radius);padding:1rem 1.25rem;margin:0 0 1rem}
.card h2{margin:0 0 .25rem}.muted{color:var(--ob-muted);font-size:.9rem}.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.status{display:inline-block;font-size:.8rem;font-weight:600;padding:.1rem .5rem;border-radius:999px;border:1px solid currentColor}
.s-ACTIVE{color:var(--ob-ok)}.s-EXPIRED,.s-ERROR,.s-REVOKED{color:var(--ob-danger)}.s-PENDING,.s-SUSPENDED,.s-NONE{color:var(--ob-muted)}
form.inline{display:inline}button,.button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--ob-accent);background:var(--ob-accent);color:var(--ob-accent-text);cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:var(--ob-surface);color:var(--ob-danger);border-color:var(--ob-danger)}
.notice{border:1px solid var(--ob-border);border-left:4px solid var(--ob-ok);background:var(--ob-surface);padding:.6rem 1rem;border-radius:6px}
.notice.err{border-left-color:var(--ob-danger)}.warn{color:var(--ob-warn)}
table{width:100%;border-collapse:collapse;background:var(--ob-surface)}th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--ob-border);vertical-align:top}
th{font-size:.85rem;color:var(--ob-muted)}code{font-size:.85rem;word-break:break-all}label{font-weight:600;font-size:.9rem;display:block}
input,select{font:inherit;padding:.35rem .5rem;border:1px solid var(--ob-muted);border-radius:6px;background:var(--ob-surface);color:var(--ob-text)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--ob-surface);padding:.5rem}`;

export interface PageOptions {
  title: string;
  /** Already-escaped HTML. */
  body: string;
  status?: number;
  cookies?: string[];
  /** The app's own CSS (variable overrides), appended after the defaults. */
  style?: string;
}

export function appPage(options: PageOptions): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(options.title)}</title><style>${STYLE}${(options.style ?? '').replace(/<\//g, '<\\/')}</style></head>
<body><a class="skip" href="#content">Skip to content</a><main id="content"><h1>${escapeHtml(options.title)}</h1>${options.body}</main></body></html>`;
  const headers = new Headers();
  for (const cookie of options.cookies ?? []) headers.append('set-cookie', cookie);
  const response = htmlResponse(html, options.status ?? 200, headers);
  // Not `no-referrer`: with it, a browser sends `Origin: null` on the pages' own POSTs, which the
  // CSRF check must refuse. These URLs carry no tokens, and `same-origin` still tells nothing to
  // other sites.
  response.headers.set('referrer-policy', 'same-origin');
  return response;
}

/** A POST form with one button, carrying the CSRF token and the given hidden fields. */
export function actionForm(options: { action: string; csrf: string; fields: Record<string, string>; label: string; accessibleName?: string; secondary?: boolean }): string {
  const hidden = Object.entries(options.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const aria = options.accessibleName ? ` aria-label="${escapeHtml(options.accessibleName)}"` : '';
  return `<form class="inline" method="post" action="${escapeHtml(options.action)}"><input type="hidden" name="_csrf" value="${escapeHtml(options.csrf)}">${hidden}<button type="submit"${options.secondary ? ' class="secondary"' : ''}${aria}>${escapeHtml(options.label)}</button></form>`;
}

/** A 303 after a POST, so reloading the result page does not send the form again. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { ...SAFE_HEADERS, location } });
}

export const statusBadge = (status: string, text = status): string => `<span class="status s-${escapeHtml(status)}">${escapeHtml(text)}</span>`;
