export interface Output {
  readonly json: boolean;
  /** Prints `value` as JSON with --json, otherwise the human text. */
  result(value: unknown, human: () => string): void;
  /** A line for people on stderr (never with secrets), kept out of the JSON on stdout. */
  note(line: string): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(value, human) {
      // Dates print as ISO strings, as JSON.stringify gives them.
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    note(line) {
      stderr.write(`${line}\n`);
    },
  };
}

const cell = (value: unknown): string => (value === null || value === undefined ? '-' : value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(' ') || '-' : String(value));

/** A plain left-aligned table: what `list` commands print for people. */
export function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

/** `key: value` lines for one object (what `show` commands print for people). */
export function details(value: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(value).map((k) => k.length));
  return Object.entries(value)
    .map(([key, v]) => `${key.padEnd(width)}  ${v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : cell(v)}`)
    .join('\n');
}
