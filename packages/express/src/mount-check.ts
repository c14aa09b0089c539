/** What the router does with one request, judged from where Express mounted it and `baseUrl`. */
export type MountVerdict = { kind: 'serve' } | { kind: 'not-ours' } | { kind: 'mismatch'; message: string };

/**
 * A path as Express matches mount points: case-insensitive, percent-decoded where that is valid,
 * repeated and trailing slashes dropped. Comparing this form keeps a request whose path merely
 * spells the mount differently (`/ONBEHALF`, `/on%62ehalf`) from being taken for a wrong mount.
 */
function normalizePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape stays as it is: the handler answers such paths itself
  }
  return decoded.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
}

const isUnder = (path: string, base: string) => base === '' || path === base || path.startsWith(`${base}/`);

/**
 * Decides per request whether the router serves it. `mountPath` is Express's `req.baseUrl` (`''`
 * when mounted at `/`), `originalUrl` the whole request target.
 *
 * - Mounted at `/`: the router serves the paths under `baseUrl`'s path and hands every other path
 *   to the app's later routes, as the Koa middleware does with its prefix.
 * - Mounted elsewhere: `baseUrl`'s path must end with the mount path (equal, or longer when a proxy
 *   strips a public prefix such as `/apps/crm`). Anything else is a configuration mistake: the
 *   links and callbacks onbehalf hands out point at `baseUrl`, so they would never reach it.
 *
 * Without a `baseUrl` nothing can be compared, and the handler answers its own configuration error.
 */
export function mountCheck(baseUrl: string | undefined): (mountPath: string, originalUrl: string) => MountVerdict {
  if (baseUrl === undefined) return () => ({ kind: 'serve' });
  const rawBasePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const basePath = normalizePath(rawBasePath);
  return (mountPath, originalUrl) => {
    const mount = normalizePath(mountPath);
    if (mount === '') {
      const path = normalizePath(originalUrl.split('?')[0] ?? '');
      return isUnder(path, basePath) ? { kind: 'serve' } : { kind: 'not-ours' };
    }
    // The mount path starts with '/', so a suffix match is a match of whole segments.
    if (basePath.endsWith(mount)) return { kind: 'serve' };
    return {
      kind: 'mismatch',
      message:
        `onBehalfRouter is mounted at '${mountPath}', but baseUrl's path is '${rawBasePath || '/'}': links and OAuth callbacks go to baseUrl and would miss the router. ` +
        `Mount it with app.use('${rawBasePath || '/'}', onBehalfRouter(ob)), or set baseUrl to the public URL of '${mountPath}'.`,
    };
  };
}
