import type { OnBehalf } from '@onbehalf/core';

export interface NextHandlerOptions {
  /**
   * The signed-in user of your app (e.g. from your auth library's session). When given, a link
   * opens only for the identifier it was made for; undefined or null means nobody is signed in,
   * and the link is refused.
   */
  getIdentifier?: (req: Request) => string | undefined | null | Promise<string | undefined | null>;
  /** Whether the request may open the admin dashboard (`/admin`); asked only there. Default: nobody may. */
  authorizeAdmin?: (req: Request) => boolean | Promise<boolean>;
}

/**
 * An App Router route handler: `NextRequest` is a `Request`, and the catch-all params are not
 * needed because the core handler matches the end of the path itself.
 */
export type NextRouteHandler = (req: Request, ctx?: { params: Promise<unknown> }) => Promise<Response>;

/**
 * Route handlers for `app/onbehalf/[...onbehalf]/route.ts`:
 * `export const { GET, POST } = toNextHandler(ob)`, with `baseUrl` set to the matching public URL.
 * The per-user MCP server of `@onbehalf/mcp` mounts the same way, in `app/mcp/[[...mcp]]/route.ts`:
 * `export const { GET, POST } = toNextHandler(createMcpServer(ob, { … }))`.
 */
export function toNextHandler(ob: Pick<OnBehalf, 'handler'>, options: NextHandlerOptions = {}): { GET: NextRouteHandler; POST: NextRouteHandler } {
  const { getIdentifier, authorizeAdmin } = options;
  const handle: NextRouteHandler = async (req) =>
    ob.handler(req, {
      ...(getIdentifier ? { identifier: (await getIdentifier(req)) ?? null } : {}),
      ...(authorizeAdmin ? { authorizeAdmin: () => authorizeAdmin(req) } : {}),
    });
  return { GET: handle, POST: handle };
}
