/** A form as a browser would submit it: resolved target and its successful controls. */
export interface HtmlForm {
  id?: string;
  action: string;
  method: 'GET' | 'POST';
  fields: Record<string, string>;
  /** Names of text-like inputs, which a person would type into. */
  textInputs: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#x2F': '/', '#47': '/' };

function decode(value: string): string {
  return value.replace(/&(#?[a-zA-Z0-9]+);/g, (all, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? parseInt(name.slice(1), 10) : NaN;
    return Number.isNaN(code) ? all : String.fromCodePoint(code);
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const match of tag.matchAll(pattern)) {
    const name = match[1]?.toLowerCase();
    if (!name) continue;
    out[name] = decode(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return out;
}

/**
 * Finds the forms of a page with regular expressions. Enough for the sandbox's own pages (and
 * oidc-provider's simple ones); not a general HTML parser.
 */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1] ?? '');
    const inner = match[2] ?? '';
    const fields: Record<string, string> = {};
    const textInputs: string[] = [];
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1] ?? '');
      if (!a.name) continue;
      const type = (a.type ?? 'text').toLowerCase();
      if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
      fields[a.name] = a.value ?? (type === 'checkbox' ? 'on' : '');
      if (['text', 'email', 'password', 'search'].includes(type)) textInputs.push(a.name);
    }
    forms.push({
      ...(attrs.id ? { id: attrs.id } : {}),
      action: attrs.action ?? '',
      method: (attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      fields,
      textInputs,
    });
  }
  return forms;
}
