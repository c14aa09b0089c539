/** A spec path template (`users/{userId}/messages/{id}`, `{+name}`) compiled for matching real paths. */
export interface PathTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** How many literal characters the template has: the most literal match wins (`/issues/comments` over `/issues/{n}`). */
  specificity: number;
}

export interface PathTemplateOptions {
  /** Graph: `microsoft.graph.sendMail` may be called as `sendMail` too. */
  optionalGraphNamespace?: boolean;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compilePathTemplate(template: string, options: PathTemplateOptions = {}): PathTemplate {
  const names: string[] = [];
  let specificity = 0;
  const normalized = stripTrailingSlash(template);
  const segments = normalized.split('/').map((segment) => {
    let out = '';
    let rest = segment;
    if (options.optionalGraphNamespace && rest.startsWith('microsoft.graph.')) {
      out += '(?:microsoft\\.graph\\.)?';
      rest = rest.slice('microsoft.graph.'.length);
    }
    // Alternate literal text and {param} / {+param} expressions within the segment.
    const re = /\{(\+?)([^}]+)\}/g;
    let last = 0;
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
      const literal = rest.slice(last, m.index);
      out += escape(literal);
      specificity += literal.length;
      names.push(m[2] as string);
      // Reserved expansion (`{+name}`) may span slashes; a plain one stays inside its segment.
      out += m[1] === '+' ? '(.+)' : '([^/]+?)';
      last = m.index + m[0].length;
    }
    const tail = rest.slice(last);
    out += escape(tail);
    specificity += tail.length;
    return out;
  });
  return { template, regex: new RegExp(`^${segments.join('/')}$`), names, specificity };
}

export function stripTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Path parameters by name, URI-decoded, or `undefined` when the path does not match. */
export function matchPathTemplate(compiled: PathTemplate, path: string): Record<string, string> | undefined {
  const m = compiled.regex.exec(stripTrailingSlash(path));
  if (!m) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, i) => {
    const raw = m[i + 1] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return params;
}
