import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import type { OnBehalf } from '../create-on-behalf.ts';
import { testDialects } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

const BASE_URL = 'http://app.test/onbehalf';

/** Opens the link's form and submits it as the person's browser would. */
async function fillIn(ob: OnBehalf, link: string, fields: Record<string, string>): Promise<Response> {
  const page = await ob.handler(new Request(link));
  expect(page.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return ob.handler(new Request(link, {
    method: 'POST',
    headers: { origin: 'http://app.test', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  }));
}

describe.each(testDialects)('a custom provider whose API URL has a {placeholder} field without a pattern [%s]', (dialect) => {
  let api: Server;
  let t: TestOnBehalf;
  const seen: string[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.statusCode = req.url === '/acme/me' && req.headers.authorization === 'Bearer good-key' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const fields = [
      { name: 'workspace', label: 'Workspace', required: true },
      { name: 'apiKey', label: 'API key', required: true, secret: true },
    ];
    const auth = { type: 'api_key' as const, header: 'Authorization', template: 'Bearer {apiKey}', fields };
    const inHost = defineProvider({ id: 'in_host', name: 'InHost', auth, api: { baseUrl: 'https://{workspace}.example.invalid', verify: { path: '/me' } } });
    const inPath = defineProvider({ id: 'in_path', name: 'InPath', auth, api: { baseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/{workspace}`, verify: { path: '/me' } } });
    t = await createTestOnBehalf(dialect, {
      baseUrl: BASE_URL,
      providers: [inHost, inPath],
      connections: [{ name: 'in_host', provider: 'in_host' }, { name: 'in_path', provider: 'in_path' }],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await new Promise<void>((resolve) => api.close(() => resolve()));
  });

  it('the hosted form refuses values that are not one host label with a 400 naming the field, never a 500', async () => {
    for (const connection of ['in_host', 'in_path']) {
      for (const workspace of ['bad host', 'a.b', 'x@evil.example', 'evil.example/x', '-x', 'x-', 'a_b', 'ü', '..', 'a/../../x', 'x'.repeat(64)]) {
        const { link } = await t.ob.accounts.authorizationLink({ connection, identifier: 'alice' });
        const response = await fillIn(t.ob, link, { workspace, apiKey: 'good-key' });
        const text = await response.text();
        expect({ connection, workspace, status: response.status }).toEqual({ connection, workspace, status: 400 });
        expect(text).toContain('workspace has an invalid format');
        expect(text).not.toContain('good-key');
      }
    }
    expect(seen).toEqual([]);
  });

  it('accepts a host label and uses it in the API URL', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'in_path', identifier: 'bob' });
    const response = await fillIn(t.ob, link, { workspace: 'acme', apiKey: 'good-key' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Connected');
    expect(seen).toEqual(['/acme/me']);
  });

  it('setCredentials refuses the same values as INVALID_CREDENTIALS', async () => {
    await expect(t.ob.accounts.setCredentials({ connection: 'in_host', identifier: 'carol', credentials: { workspace: 'bad host', apiKey: 'k' } }))
      .rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: expect.stringContaining('workspace has an invalid format') });
  });
});
