import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@onbehalf/sandbox';
import { createOnBehalf, type OnBehalf } from '../../src/create-on-behalf.ts';
import { handleNodeRequest, writeWebResponse } from '../../src/http/index.ts';
import { silentLogger } from '../../src/logger.ts';
import { defineProvider } from '../../src/providers/index.ts';
import { parseCookies } from '../../src/oauth/index.ts';
import { sandboxProvider } from './sandbox-provider.ts';

export interface PagesApp {
  /** `http://127.0.0.1:PORT`: `/signin?user=…` signs a person in (cookie `user`), `/onbehalf/…` is onbehalf. */
  url: string;
  baseUrl: string;
  ob: OnBehalf;
  /** What no page may ever contain. */
  secrets: { clientSecret: string; encryptionKey: string; apiKey: string };
  close(): Promise<void>;
}

/**
 * A tiny app as a framework adapter would mount onbehalf: a node:http server whose signed-in user
 * is the `user` cookie, with `admin` as the only operator. Two connections: `demo` (OAuth against
 * the real sandbox authorization server), `notes` (an API key, for a connection without OAuth) and
 * `team` (OAuth against the sandbox again, whose authorization URL needs a `workspace` value the
 * person gives on the hosted page before consent, as Zendesk's subdomain).
 */
export async function startPagesApp(): Promise<PagesApp> {
  const sandbox = await createSandbox();
  const clientId = `pages-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const encryptionKey = randomBytes(32).toString('base64');
  let ob!: OnBehalf;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    if (url.pathname === '/signin') {
      const user = url.searchParams.get('user') ?? '';
      res.writeHead(302, { 'set-cookie': `user=${encodeURIComponent(user)}; Path=/; HttpOnly; SameSite=Lax`, location: '/onbehalf/connections' }).end();
      return;
    }
    if (!url.pathname.startsWith('/onbehalf/')) return void res.writeHead(404).end();
    const user = decodeURIComponent(parseCookies(req.headers.cookie ?? null).user ?? '') || null;
    handleNodeRequest(ob, req, { url: req.url ?? '/', context: { identifier: user, authorizeAdmin: () => user === 'admin' } })
      .then((response) =>
        writeWebResponse(response, {
          status: (code) => void (res.statusCode = code),
          header: (name, value) => void res.setHeader(name, value),
          cookies: (values) => void res.appendHeader('set-cookie', values),
        }),
      )
      .then((body) => res.end(body), (error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrl = `${url}/onbehalf`;
  sandbox.addClient({ clientId, clientSecret, redirectUris: [`${baseUrl}/callback/demo`, `${baseUrl}/callback/team`] });
  ob = createOnBehalf({
    database: ':memory:',
    encryptionKey,
    baseUrl,
    logger: silentLogger,
    providers: [sandboxProvider(sandbox.issuer), defineProvider({ id: 'notes', name: 'Notes', auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' }, api: { baseUrl: 'http://127.0.0.1:9' } }),
      defineProvider({
        id: 'team',
        name: 'Team',
        // The sandbox ignores the extra query parameter; what matters is that the URL needs the value.
        auth: { type: 'oauth2', authorizationUrl: `${sandbox.issuer}/auth?workspace={workspace}`, tokenUrl: `${sandbox.issuer}/token`, refreshMarginSeconds: 0, fields: [{ name: 'workspace', label: 'Workspace', required: true }] },
        api: { baseUrl: sandbox.issuer },
      }),
    ],
    connections: [
      { name: 'demo', provider: 'sandbox', clientId, clientSecret, scopes: ['openid', 'email'] },
      { name: 'notes', provider: 'notes' },
      { name: 'team', provider: 'team', clientId, clientSecret, scopes: ['openid', 'email'] },
    ],
  });
  await ob.migrate();
  return {
    url,
    baseUrl,
    ob,
    secrets: { clientSecret, encryptionKey, apiKey: `notes-key-${randomBytes(8).toString('hex')}` },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await ob.close();
      await sandbox.close();
    },
  };
}
