import { OnBehalfError } from '../../errors.ts';

/** Values that change a path's shape even when encoded: the URL parser resolves `%2e%2e` like `..`. */
const NOT_A_SEGMENT = new Set(['', '.', '..']);

/**
 * A URL path with every interpolated value encoded as exactly one segment, for model input (or
 * provider ids) put into a path: path`/repos/${owner}/${repo}/issues`. `/`, `\`, `?`, `#` and `%`
 * in a value are percent-encoded, so `../../admin` stays inside its segment; an empty value, `.`
 * or `..` would still move the request to another endpoint and is refused as TOOL_INPUT_INVALID,
 * which the model can correct.
 */
export function path(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  let result = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = String(value);
    if (NOT_A_SEGMENT.has(text)) {
      throw new OnBehalfError('TOOL_INPUT_INVALID', `${JSON.stringify(text)} is not a valid path segment (in ${strings.join('…')}).`, { details: { value: text } });
    }
    result += encodeURIComponent(text) + (strings[i + 1] ?? '');
  });
  return result;
}
