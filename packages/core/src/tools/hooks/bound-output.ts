/**
 * The default bound on what one tool call hands the model, in characters of its JSON. 20,000
 * characters are about 5,000 tokens. The built-in tools' recorded outputs run at 200–400
 * characters per listed item (outlook_list_messages: 932 for three mails), so a page of several
 * dozen items fits, while ten calls in one conversation still leave most of a 128k-token context
 * to the conversation. What is cut is a document body or an oversized
 * custom tool's answer, which a model should ask for in parts anyway.
 */
export const DEFAULT_MAX_OUTPUT_CHARS = 20_000;

export interface BoundedOutput {
  data: unknown;
  /** Set when the output was cut: its JSON length and how much of it the model got. */
  truncated?: { totalChars: number; shownChars: number };
}

/**
 * An output whose JSON (or, for text, whose text) is longer than `maxChars` becomes text: its first
 * `maxChars` characters and a marker that says how much was cut and what to do about it, so the model neither
 * mistakes the cut for the whole answer nor asks again for the same thing.
 */
export function boundOutput(data: unknown, maxChars: number): BoundedOutput {
  if (maxChars === Infinity) return { data };
  // Text (a document body) is cut as text, not as its quoted JSON.
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  if (text === undefined || text.length <= maxChars) return { data };
  const shown = text.slice(0, maxChars);
  const cut = text.length - shown.length;
  const marker = `\n[onbehalf: output truncated — ${cut} of ${text.length} characters cut (only the first ${shown.length} shown). Ask for less: fewer results, a narrower query or a page at a time.]`;
  return { data: `${shown}${marker}`, truncated: { totalChars: text.length, shownChars: shown.length } };
}

/** Checks a `maxOutputChars` setting: a positive whole number, or Infinity for no bound. */
export function isOutputBound(value: unknown): value is number {
  return value === Infinity || (typeof value === 'number' && Number.isInteger(value) && value > 0);
}
