// Writes an input the way a model would fill a dialect's schema: from the schema it was shown
// (either JSON-Schema-style or Gemini's upper-case one), not from the tool's zod schema. `full`
// fills every property, `minimal` only what must be there (null where the dialect takes null).

type Node = Record<string, unknown>;
const isObject = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export function sampleInput(schema: Node, mode: 'full' | 'minimal'): unknown {
  return sample(schema, mode, '<root>');
}

const typesOf = (node: Node): string[] => (Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type]).map((t) => String(t).toLowerCase());
const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : undefined);

function takesNull(node: Node): boolean {
  return node.nullable === true || typesOf(node).includes('null') || (Array.isArray(node.anyOf) && node.anyOf.some((b) => isObject(b) && takesNull(b)));
}

function sample(node: Node, mode: 'full' | 'minimal', path: string): unknown {
  if (Array.isArray(node.anyOf)) {
    // The first real branch: a model that means a value writes one of the branch's kind.
    const branch = node.anyOf.find((b): b is Node => isObject(b) && !typesOf(b).every((t) => t === 'null'));
    if (!branch) return null;
    return sample({ ...branch, description: branch.description ?? node.description }, mode, path);
  }
  const type = typesOf(node).find((t) => t !== 'null');
  // Plain JSON Schema keeps `const` (the dialects turn it into a one-value enum).
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum)) return node.enum.find((v) => v !== null && v !== 'CLEAR') ?? node.enum[0];
  switch (type) {
    case 'object': {
      const properties = isObject(node.properties) ? node.properties : {};
      const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
      const out: Node = {};
      for (const [name, property] of Object.entries(properties)) {
        if (!isObject(property)) continue;
        if (mode === 'minimal' && !required.has(name)) continue;
        // Minimal strict input: a required-but-nullable property (an optional one, in the tool) is null.
        out[name] = mode === 'minimal' && takesNull(property) ? null : sample(property, mode, `${path}.${name}`);
      }
      return out;
    }
    case 'array': {
      const min = Math.max(count(node.minItems) ?? 0, 1);
      return Array.from({ length: min }, (_, i) => sample(node.items as Node, mode, `${path}[${i}]`));
    }
    case 'integer':
    case 'number': {
      const min = typeof node.minimum === 'number' ? node.minimum : typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum + 1 : 1;
      return typeof node.maximum === 'number' ? Math.min(min, node.maximum) : min;
    }
    case 'boolean':
      return true;
    case 'string':
      return sampleString(node, path);
    default:
      throw new Error(`${path}: cannot write a value for ${JSON.stringify(node)}`);
  }
}

const FORMATS: Record<string, string> = {
  email: 'dana@example.com', 'date-time': '2026-03-31T12:00:00Z', date: '2026-03-31', time: '12:00:00',
  uuid: '3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b', hostname: 'example.com', uri: 'https://example.com/a', url: 'https://example.com/a',
};

function sampleString(node: Node, path: string): string {
  const description = typeof node.description === 'string' ? node.description : '';
  if (/a JSON value, as a string/.test(description)) return '{}';
  const format = typeof node.format === 'string' ? node.format : /format: ([\w-]+)/.exec(description)?.[1];
  if (typeof node.pattern === 'string') {
    const text = fromPattern(node.pattern);
    if (!new RegExp(node.pattern).test(text)) throw new Error(`${path}: the sampler wrote '${text}', which ${node.pattern} refuses`);
    return text;
  }
  if (format && FORMATS[format]) return FORMATS[format]!;
  // Lengths are keywords in Gemini's form and description hints in OpenAI's.
  const min = count(node.minLength) ?? Number(/at least (\d+) characters/.exec(description)?.[1] ?? 0);
  const max = count(node.maxLength) ?? Number(/at most (\d+) characters/.exec(description)?.[1] ?? Infinity);
  return 'abc'.padEnd(min, 'a').slice(0, Math.max(max, 1));
}

/** A short string a simple regular expression (the catalog's kind) matches. */
function fromPattern(pattern: string): string {
  let i = 0;
  const alternation = (): string => {
    const options: string[] = [sequence()];
    while (pattern[i] === '|') {
      i++;
      options.push(sequence());
    }
    return options[0]!;
  };
  const sequence = (): string => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const piece = atom();
      const [min] = quantifier();
      out += piece.repeat(min);
    }
    return out;
  };
  const quantifier = (): [number] => {
    const c = pattern[i];
    let min = 1;
    if (c === '?' || c === '*') (min = 0), i++;
    else if (c === '+') i++;
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      min = Number(pattern.slice(i + 1, end).split(',')[0]);
      i = end + 1;
    } else return [1];
    if (pattern[i] === '?') i++;
    // A piece that may be left out is written once anyway when it must appear at least once.
    return [min];
  };
  const atom = (): string => {
    const c = pattern[i]!;
    if (c === '^' || c === '$') return i++, '';
    if (c === '(') {
      i++;
      if (pattern.startsWith('?:', i)) i += 2;
      const inner = alternation();
      i++;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') return escape();
    i++;
    return c === '.' ? 'a' : c;
  };
  const escape = (): string => {
    const e = pattern[i + 1]!;
    i += 2;
    return ({ d: '1', w: 'a', s: ' ', S: 'a', D: 'a', W: '-' } as Record<string, string>)[e] ?? e;
  };
  const charClass = (): string => {
    const end = closing(i);
    const body = pattern.slice(i + 1, end);
    i = end + 1;
    if (body.startsWith('^')) {
      const refused = new RegExp(`[${body}]`);
      return [...'a1-_.'].find((ch) => refused.test(ch)) ?? 'a';
    }
    const first = body.startsWith('\\') ? ({ d: '1', w: 'a', s: ' ', S: 'a' } as Record<string, string>)[body[1]!] ?? body[1]! : body[0]!;
    return first;
  };
  const closing = (start: number): number => {
    let j = start + 1;
    while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
    return j;
  };
  return alternation();
}
