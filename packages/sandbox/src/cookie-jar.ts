interface Cookie {
  name: string;
  value: string;
  path: string;
  /** Milliseconds since the epoch; undefined for a session cookie. */
  expiresAt?: number;
}

/** Just enough of RFC 6265 for one host: names, paths, expiry and deletion. Domains are ignored. */
export interface CookieJar {
  /** Takes the Set-Cookie headers of a response to `url`. */
  store(url: URL, setCookieHeaders: string[]): void;
  /** The Cookie header to send to `url`, or undefined when nothing matches. */
  header(url: URL): string | undefined;
  clear(): void;
}

function defaultPath(url: URL): string {
  const path = url.pathname;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

function parse(url: URL, header: string): Cookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), path: defaultPath(url) };
  let maxAge: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'expires') {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) cookie.expiresAt = time;
    } else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
  }
  // Max-Age wins over Expires (RFC 6265 §5.3).
  if (maxAge !== undefined) cookie.expiresAt = Date.now() + maxAge * 1000;
  return cookie;
}

export function createCookieJar(): CookieJar {
  const cookies = new Map<string, Cookie>();
  const key = (cookie: Cookie): string => `${cookie.path}\u0000${cookie.name}`;

  return {
    store(url, setCookieHeaders) {
      for (const header of setCookieHeaders) {
        const cookie = parse(url, header);
        if (!cookie) continue;
        if (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now()) cookies.delete(key(cookie));
        else cookies.set(key(cookie), cookie);
      }
    },
    header(url) {
      const now = Date.now();
      const matching = [...cookies.values()]
        .filter((c) => (c.expiresAt === undefined || c.expiresAt > now) && pathMatches(url.pathname, c.path))
        // Longer paths first, as browsers send them.
        .sort((a, b) => b.path.length - a.path.length);
      return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
    },
    clear() {
      cookies.clear();
    },
  };
}
