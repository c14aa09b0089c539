/**
 * The path segments after dot segments are resolved. With `decoded`, the way a lenient server or
 * proxy reads them: `%2e` as a dot, `%2f`, `%5c` and `\` as separators (`..%2f` climbs a level
 * there even though the URL parser keeps it as one segment).
 */
function resolvedSegments(pathname: string, decoded: boolean): string[] {
  const text = decoded ? pathname.replace(/%2e/gi, '.').replace(/%2f|%5c|\\/gi, '/') : pathname;
  const segments: string[] = [];
  for (const segment of text.split('/').slice(1)) {
    if (segment === '..') segments.pop();
    else if (segment !== '.') segments.push(segment);
  }
  return segments;
}

/**
 * Whether a request path stays under the API's base path (`/api` for `https://slack.com/api`) both
 * as the URL parser resolved it and as a server that decodes encoded dots and slashes would: a path
 * that climbs out reaches another API on the same origin with the account's credentials.
 */
export function staysUnderBasePath(basePathname: string, pathname: string): boolean {
  return [false, true].every((decoded) => {
    const base = resolvedSegments(basePathname, decoded);
    if (base.at(-1) === '') base.pop();
    const path = resolvedSegments(pathname, decoded);
    return base.every((segment, i) => path[i] === segment);
  });
}
