// Shared by the framework adapters' tests (@onbehalf/express, koa, next).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOnBehalf, defineProvider, type Logger, type OnBehalf } from '@onbehalf/core';
import { createSandbox, type Sandbox } from '@onbehalf/sandbox';

/** Where the tests mount the adapter, and the public URL that matches it. */
export const PREFIX = '/integrations/onbehalf';
export const BASE_URL = `http://app.test${PREFIX}`;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Testbed {
  ob: OnBehalf;
  sandbox: Sandbox;
  /** What must never show up in a response, a log or an error. */
  secrets: { clientSecret: string; encryptionKey: string };
  close(): Promise<void>;
}

/**
 * onbehalf on SQLite in memory with two connections: `demo` (OAuth against the real sandbox
 * authorization server) and `keys` (an API key checked by a local server that accepts only
 * `Bearer good-key` at /me). Quiet unless given a `logger`.
 */
export async function createTestbed(baseUrl = BASE_URL, options: { logger?: Logger } = {}): Promise<Testbed> {
  const sandbox = await createSandbox();
  const keyApi = createServer((req, res) => {
    const ok = req.url === '/me' && req.headers.authorization === 'Bearer good-key';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"id":"me"}' : '{"error":"unauthorized"}');
  });
  await new Promise<void>((resolve) => keyApi.listen(0, '127.0.0.1', resolve));
  const clientId = `client-${randomBytes(6).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  sandbox.addClient({ clientId, clientSecret, redirectUris: [`${baseUrl}/callback/demo`] });
  const encryptionKey = randomBytes(32).toString('base64');
  const ob = createOnBehalf({
    database: ':memory:',
    encryptionKey,
    baseUrl,
    logger: options.logger ?? quiet,
    providers: [
      defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer: sandbox.issuer, refreshMarginSeconds: 0 }, api: { baseUrl: sandbox.issuer } }),
      defineProvider({
        id: 'keyed',
        name: 'Keyed',
        auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' },
        api: { baseUrl: `http://127.0.0.1:${(keyApi.address() as AddressInfo).port}`, verify: { path: '/me' } },
      }),
    ],
    connections: [
      { name: 'demo', provider: 'sandbox', clientId, clientSecret, scopes: ['openid', 'email'] },
      { name: 'keys', provider: 'keyed' },
    ],
  });
  await ob.migrate();
  return {
    ob,
    sandbox,
    secrets: { clientSecret, encryptionKey },
    async close() {
      await ob.close();
      await sandbox.close();
      await new Promise((resolve) => keyApi.close(resolve));
    },
  };
}

/** The path and query of an absolute URL, for a test client that talks to the app directly. */
export const pathOf = (url: string): string => new URL(url).pathname + new URL(url).search;

/** A Cookie request header from Set-Cookie response headers. */
export const cookieHeader = (setCookies: string[]): string => setCookies.map((cookie) => cookie.split(';')[0]).join('; ');

export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
