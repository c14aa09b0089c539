/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A minimal page shell for the sandbox's sign-in, consent and error screens. */
export function renderPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · onbehalf sandbox</title>
<style>
body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }
main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.1); }
h1 { font-size: 1.3rem; margin-top: 0; }
input[type=text] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; margin: .5rem 0 1rem; }
button { padding: .5rem 1rem; font-size: 1rem; cursor: pointer; }
.actions { display: flex; gap: .5rem; }
.actions form { margin: 0; }
code { background: #f0f0f0; padding: 0 .25rem; border-radius: 3px; }
.note { color: #666; font-size: .85rem; }
</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}
