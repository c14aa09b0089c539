const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Headers for everything the handler serves: no caching (pages can carry CSRF tokens and
 * outcomes), no referrer (URLs carry link tokens and codes), no framing, no third-party content.
 */
export const SAFE_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1d2330}
main{background:#fff;max-width:28rem;width:calc(100% - 2rem);padding:2rem;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem;margin:0 0 .75rem}.ok h1{color:#17693a}.err h1{color:#a4262c}
label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #9aa3b2;border-radius:6px;font:inherit}
.help{font-size:.875rem;color:#4a5262;margin:.25rem 0 0}button{margin-top:1.5rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2851d8;color:#fff;font:inherit;cursor:pointer}
.alert{background:#fdecea;border:1px solid #f5c2c0;padding:.75rem;border-radius:6px}`;

/** A small, self-contained, accessible HTML page. `body` must already be escaped HTML. */
export function renderPage(options: { title: string; body: string; tone: 'ok' | 'err' | 'neutral' }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head>
<body><main class="${options.tone}" role="main"><h1>${escapeHtml(options.title)}</h1>${options.body}</main></body></html>`;
}

export function htmlResponse(html: string, status: number, extraHeaders: HeadersInit = {}): Response {
  const headers = new Headers({ ...SAFE_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  new Headers(extraHeaders).forEach((value, key) => headers.append(key, value));
  return new Response(html, { status, headers });
}

/**
 * Where a submitted form goes on to another site (the provider's consent page, once the person
 * gave the values its URL needs). Not a redirect: a browser applies the form page's CSP
 * `form-action 'self'` to every redirect that follows a submit and would stop there. A page that
 * refreshes to the provider (and links to it, for a browser that does not refresh) is a new
 * navigation, not part of the submit.
 */
export function continuePage(location: string, to: string, cookies: string[] = []): Response {
  const href = escapeHtml(location);
  const headers = new Headers();
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  const html = renderPage({ title: `Continue to ${to}`, tone: 'neutral', body: `<p><a href="${href}">Continue to ${escapeHtml(to)}</a></p>` })
    .replace('<meta name="robots" content="noindex">', `<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0;url=${href}">`);
  return htmlResponse(html, 200, headers);
}

export function messagePage(title: string, message: string, tone: 'ok' | 'err', status: number, extraHeaders: HeadersInit = {}): Response {
  return htmlResponse(renderPage({ title, tone, body: `<p>${escapeHtml(message)}</p>` }), status, extraHeaders);
}

/** 405 with the `Allow` header RFC 9110 requires: the methods the resource does serve. */
export function methodNotAllowed(allow: readonly string[]): Response {
  return messagePage('Method not allowed', `This address answers only ${allow.join(', ')} requests.`, 'err', 405, { allow: allow.join(', ') });
}
