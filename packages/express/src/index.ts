import { handleNodeRequest, writeWebResponse, type OnBehalf } from '@onbehalf/core';
import { Router, type NextFunction, type Request, type Response } from 'express';

export interface OnBehalfRouterOptions {
  /**
   * The signed-in user of your app (e.g. from your session). When given, a link opens only for the
   * identifier it was made for; undefined or null means nobody is signed in, and the link is refused.
   */
  getIdentifier?: (req: Request) => string | undefined | null | Promise<string | undefined | null>;
}

/**
 * An Express (4 or 5) router serving onbehalf's authorization links and OAuth callbacks:
 * `app.use('/onbehalf', onBehalfRouter(ob))`, with `baseUrl` set to the matching public URL.
 */
export function onBehalfRouter(ob: Pick<OnBehalf, 'handler'>, options: OnBehalfRouterOptions = {}): Router {
  const router = Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    const { getIdentifier } = options;
    (async () => {
      const context = getIdentifier ? { identifier: (await getIdentifier(req)) ?? null } : undefined;
      const response = await handleNodeRequest(ob, req, { url: req.originalUrl, parsedBody: req.body, context });
      const body = await writeWebResponse(response, {
        status: (code) => void res.status(code),
        header: (name, value) => void res.setHeader(name, value),
        cookies: (values) => void res.append('Set-Cookie', values),
      });
      res.end(body);
    })().catch(next);
  });
  return router;
}
