import { timingSafeEqual } from 'node:crypto';

// Shared by every form POST the handler serves: where it came from, and a bounded body.

/**
 * Reads at most `limit` bytes: a chunked body has no Content-Length to refuse it by up front.
 * `cut` when the body stream fails midway: the client went away or sent broken framing.
 */
export async function readBody(request: Request, limit: number): Promise<{ text: string } | { refused: 'too large' | 'cut' }> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return { refused: 'too large' };
  if (!request.body) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return { refused: 'too large' };
      }
      chunks.push(chunk.value);
    }
  } catch {
    return { refused: 'cut' };
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

export function sameBytes(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a submit may have come from the form's own page, from what the browser says about
 * where it was sent from. `Origin` must be ours exactly. `null` (a sandboxed frame, a data: URL,
 * a cross-origin redirect) is refused like any other origin, except with fetch metadata saying
 * `same-origin`: a browser also sends `null` for its own page's POST when a `Referrer-Policy:
 * no-referrer` is in force (an app's helmet sets it by default), and no page of another origin
 * can make its browser say `same-origin`. Fetch metadata must say `same-origin` when present (a
 * sibling subdomain is `same-site`, and may be someone else's). With neither header (an old
 * browser, a proxy that strips them, a non-browser client) the request is let through to the
 * form-token check, which every submit must pass anyway: a forger has neither the sealed token
 * nor the HttpOnly cookie nonce it is matched against.
 */
export function sentFromOwnPage(request: Request, ownOrigin: string): boolean {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (origin === 'null' && site === 'same-origin') return true;
  if (origin !== null && origin !== ownOrigin) return false;
  if (site !== null && site !== 'same-origin') return false;
  return true;
}

