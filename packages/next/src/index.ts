import type { OnBehalf } from '@onbehalf/core';

export interface NextHandlerOptions {
  /**
   * The signed-in user of your app (e.g. from your auth library's session). When given, a link
   * opens only for the identifier it was made for; undefined or null means nobody is signed in,
   * and the link is refused.
   */
  getIdentifier?: (req: Request) => string | undefined | null | Promise<string | undefined | null>;
}

/**
 * An App Router route handler: `NextRequest` is a `Request`, and the catch-all params are not
 * needed because the core handler matches the end of the path itself.
 */
export type NextRouteHandler = (req: Request, ctx?: { params: Promise<unknown> }) => Promise<Response>;

/**
 * Route handlers for `app/onbehalf/[...onbehalf]/route.ts`:
 * `export const { GET, POST } = toNextHandler(ob)`, with `baseUrl` set to the matching public URL.
 */
export function toNextHandler(ob: Pick<OnBehalf, 'handler'>, options: NextHandlerOptions = {}): { GET: NextRouteHandler; POST: NextRouteHandler } {
  const { getIdentifier } = options;
  const handle: NextRouteHandler = async (req) => ob.handler(req, getIdentifier ? { identifier: (await getIdentifier(req)) ?? null } : undefined);
  return { GET: handle, POST: handle };
}
