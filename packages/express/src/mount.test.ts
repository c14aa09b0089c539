import express from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnBehalfError } from '@onbehalf/core';
import { onBehalfRouter } from './index.ts';
import { PREFIX, createTestbed, pathOf, type Testbed } from '@onbehalf/e2e/adapter-testbed';

/** Where the router is mounted against baseUrl's path (PREFIX): at `/`, at the right path, at a wrong one. */
describe.each([
  ['Express 5', express],
  ['Express 4', express4],
] as const)('%s: the mount path', (_name, lib) => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await createTestbed();
  });
  afterAll(() => bed.close());

  /** An app with routes after the router, its own 404 and an error handler that reports what reached it. */
  function appWith(mount: string) {
    const app = lib();
    const errors: unknown[] = [];
    app.use(mount, onBehalfRouter(bed.ob));
    app.get('/elsewhere', (_req, res) => void res.send('the app'));
    app.get('/integrations/other', (_req, res) => void res.send('a sibling of the mount'));
    app.use((_req: express.Request, res: express.Response) => void res.status(404).send('the app 404'));
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).send('the app error page');
    });
    return { app, errors };
  }

  it('mounted at / leaves every path outside baseUrl to the app’s later routes and its 404', async () => {
    const { app, errors } = appWith('/');
    expect((await request(app).get('/elsewhere')).text).toBe('the app');
    expect((await request(app).get('/integrations/other')).text).toBe('a sibling of the mount');
    const unknown = await request(app).get('/no/such/page');
    expect([unknown.status, unknown.text]).toEqual([404, 'the app 404']);
    const lookalike = await request(app).get(`${PREFIX}x/authorize/abc`);
    expect(lookalike.text).toBe('the app 404');
    // ...and still serves its own routes under baseUrl's path.
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_root' });
    const authorize = await request(app).get(pathOf(link));
    expect(authorize.status).toBe(302);
    expect(authorize.headers.location).toMatch(new RegExp(`^${bed.sandbox.issuer}`));
    expect(errors).toEqual([]);
  });

  it('mounted at baseUrl’s path serves it, whatever the request spells the mount like', async () => {
    const { app, errors } = appWith(PREFIX);
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_mounted' });
    expect((await request(app).get(pathOf(link))).status).toBe(302);
    // Express matches mount paths case-insensitively: that is not a wrong mount.
    expect((await request(app).get(`${PREFIX.toUpperCase()}/authorize/${'A'.repeat(43)}`)).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('mounted at another path fails the request with an error naming both paths', async () => {
    const { app, errors } = appWith('/auth');
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_wrong' });
    const token = pathOf(link).split('/').pop();
    const res = await request(app).get(`/auth/authorize/${token}`);
    expect([res.status, res.text]).toEqual([500, 'the app error page']);
    expect(errors).toHaveLength(1);
    const error = errors[0] as OnBehalfError;
    expect(error).toBeInstanceOf(OnBehalfError);
    expect(error.code).toBe('CONFIGURATION_ERROR');
    expect(error.message).toContain("mounted at '/auth'");
    expect(error.message).toContain(`baseUrl's path is '${PREFIX}'`);
    // Paths outside the wrong mount are untouched.
    expect((await request(app).get('/elsewhere')).text).toBe('the app');
  });
});
