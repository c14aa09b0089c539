import type { DriveEntry } from './drive-seed.ts';

/**
 * Drive's `q` search language, the parts clients use: `name`/`fullText` `contains`, `=`/`!=` on
 * name and mimeType, `'id' in parents`, `trashed`/`starred` `=`, `modifiedTime`/`createdTime`
 * comparisons, joined by `and`/`or`, `not` and parentheses. Returns a predicate or a message for
 * Google's 400 "Invalid Value".
 */
type Token = { kind: 'string'; value: string } | { kind: 'word'; value: string } | { kind: 'op'; value: string } | { kind: 'paren'; value: '(' | ')' };

function tokenize(q: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const char = q[i]!;
    if (/\s/.test(char)) { i++; continue; }
    if (char === '(' || char === ')') { tokens.push({ kind: 'paren', value: char }); i++; continue; }
    if (char === "'") {
      let value = '';
      i++;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        value += q[i];
        i++;
      }
      if (i >= q.length) return 'unterminated string';
      i++;
      tokens.push({ kind: 'string', value });
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(q.slice(i));
    if (op) { tokens.push({ kind: 'op', value: op[1]! }); i += op[1]!.length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
    if (!word) return `unexpected character ${char}`;
    tokens.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

type Predicate = (file: DriveEntry) => boolean;

export function parseDriveQuery(q: string): Predicate | string {
  const tokens = tokenize(q);
  if (typeof tokens === 'string') return tokens;
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const isWord = (token: Token | undefined, word: string) => token?.kind === 'word' && token.value.toLowerCase() === word;

  function term(): Predicate | string {
    const token = take();
    if (!token) return 'unexpected end of query';
    if (token.kind === 'paren' && token.value === '(') {
      const inner = expression();
      if (typeof inner === 'string') return inner;
      if (take()?.value !== ')') return 'missing )';
      return inner;
    }
    if (isWord(token, 'not')) {
      const inner = term();
      return typeof inner === 'string' ? inner : (file) => !inner(file);
    }
    if (token.kind === 'string') {
      if (!isWord(take(), 'in')) return 'expected in';
      const field = take();
      if (!isWord(field, 'parents')) return 'only parents supports in';
      return (file) => file.parents.includes(token.value);
    }
    if (token.kind !== 'word') return `unexpected ${token.value}`;
    const field = token.value;
    const op = take();
    const value = take();
    if (!op || !value) return 'incomplete condition';
    const opText = op.kind === 'word' ? op.value.toLowerCase() : op.value;
    const text = value.value;
    switch (field) {
      case 'name':
        if (opText === 'contains') return (file) => file.name.toLowerCase().includes(text.toLowerCase());
        if (opText === '=') return (file) => file.name === text;
        if (opText === '!=') return (file) => file.name !== text;
        break;
      case 'fullText':
        if (opText === 'contains') return (file) => `${file.name}\n${file.description ?? ''}\n${file.content ?? ''}`.toLowerCase().includes(text.toLowerCase());
        break;
      case 'mimeType':
        if (opText === '=') return (file) => file.mimeType === text;
        if (opText === '!=') return (file) => file.mimeType !== text;
        if (opText === 'contains') return (file) => file.mimeType.includes(text);
        break;
      case 'trashed':
      case 'starred':
        if ((opText === '=' || opText === '!=') && (text === 'true' || text === 'false')) {
          const wanted = (text === 'true') === (opText === '=');
          return (file) => file[field] === wanted;
        }
        break;
      case 'modifiedTime':
      case 'createdTime': {
        const when = Date.parse(text);
        if (Number.isNaN(when)) return `invalid date ${text}`;
        const compare: Record<string, (a: number) => boolean> = { '<': (a) => a < when, '<=': (a) => a <= when, '>': (a) => a > when, '>=': (a) => a >= when, '=': (a) => a === when, '!=': (a) => a !== when };
        const test = compare[opText];
        if (test) return (file) => test(Date.parse(file[field]));
        break;
      }
    }
    return `unsupported condition ${field} ${opText}`;
  }

  function expression(): Predicate | string {
    let left: Predicate | string = term();
    if (typeof left === 'string') return left;
    while (isWord(peek(), 'and') || isWord(peek(), 'or')) {
      const joiner = take()!.value.toLowerCase();
      const right = term();
      if (typeof right === 'string') return right;
      const a: Predicate = left;
      const b: Predicate = right;
      left = joiner === 'and' ? (file) => a(file) && b(file) : (file) => a(file) || b(file);
    }
    return left;
  }

  if (tokens.length === 0) return () => true;
  const predicate = expression();
  if (typeof predicate !== 'string' && at < tokens.length) return `unexpected ${tokens[at]!.value}`;
  return predicate;
}
