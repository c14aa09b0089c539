import { handleNodeRequest, OnBehalfError, writeWebResponse, type OnBehalf } from '@onbehalf/core';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { mountCheck } from './mount-check.ts';

export interface OnBehalfRouterOptions {
  /**
   * The signed-in user of your app (e.g. from your session). When given, a link opens only for the
   * identifier it was made for; undefined or null means nobody is signed in, and the link is refused.
   */
  getIdentifier?: (req: Request) => string | number | undefined | null | Promise<string | number | undefined | null>;
  /** Whether the request may open the admin dashboard (`/admin`); asked only there. Default: nobody may. */
  authorizeAdmin?: (req: Request) => boolean | Promise<boolean>;
}

/**
 * An Express (4 or 5) router serving onbehalf's authorization links and OAuth callbacks:
 * `app.use('/onbehalf', onBehalfRouter(ob))`, with `baseUrl` set to the matching public URL.
 * Mounted at `/`, it serves only the paths under `baseUrl`'s path and leaves the rest to the app
 * (`next()`); mounted at a path `baseUrl` does not end with, it fails the request with an error
 * naming both paths, because every link and callback it hands out would miss it.
 */
export function onBehalfRouter(ob: Pick<OnBehalf, 'handler'> & Partial<Pick<OnBehalf, 'baseUrl'>>, options: OnBehalfRouterOptions = {}): Router {
  const router = Router();
  const check = mountCheck(ob.baseUrl);
  router.use((req: Request, res: Response, next: NextFunction) => {
    const verdict = check(req.baseUrl, req.originalUrl);
    if (verdict.kind === 'not-ours') return next();
    if (verdict.kind === 'mismatch') return next(new OnBehalfError('CONFIGURATION_ERROR', verdict.message));
    const { getIdentifier, authorizeAdmin } = options;
    (async () => {
      const context = {
        ...(getIdentifier ? { identifier: (await getIdentifier(req)) ?? null } : {}),
        ...(authorizeAdmin ? { authorizeAdmin: () => authorizeAdmin(req) } : {}),
      };
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
