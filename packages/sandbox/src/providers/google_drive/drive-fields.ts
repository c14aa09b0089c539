/**
 * Google's partial responses: `fields=nextPageToken,files(id,name,owners(emailAddress))` keeps
 * only those members. Returns a tree (`true` = keep whole) or a message for a 400.
 */
export type FieldTree = { [name: string]: true | FieldTree };

export function parseFields(fields: string): FieldTree | string {
  let at = 0;
  function list(): FieldTree | string {
    const tree: FieldTree = {};
    while (at < fields.length) {
      const match = /^\s*([A-Za-z_*][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)\s*/.exec(fields.slice(at));
      if (!match) return `Invalid field selection ${fields}`;
      at += match[0].length;
      const path = match[1]!.split('/');
      let node: FieldTree = tree;
      for (const part of path.slice(0, -1)) node = (node[part] = node[part] === true || node[part] === undefined ? {} : node[part]) as FieldTree;
      const last = path.at(-1)!;
      if (fields[at] === '(') {
        at++;
        const inner = list();
        if (typeof inner === 'string') return inner;
        if (fields[at] !== ')') return `Invalid field selection ${fields}`;
        at++;
        node[last] = inner;
      } else {
        node[last] = true;
      }
      if (fields[at] === ',') { at++; continue; }
      break;
    }
    return tree;
  }
  const tree = list();
  if (typeof tree !== 'string' && at < fields.length) return `Invalid field selection ${fields}`;
  return tree;
}

export function selectFields(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => selectFields(item, tree));
  if (tree['*'] === true) return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(tree)) {
    const member = (value as Record<string, unknown>)[name];
    if (member !== undefined) out[name] = selectFields(member, sub);
  }
  return out;
}
