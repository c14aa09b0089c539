import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOnBehalf, type OnBehalf } from '@onbehalf/core';
import { createSandbox, type Sandbox } from '@onbehalf/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineMcpProvider, registerMcpConnection, type McpProvider } from './index.ts';
import { startRemoteMcpServer, type RemoteMcpServer } from './test-remote-mcp-server.ts';

// Registration where the authorization server takes Client ID Metadata Documents: the app's
// document URL is its client id (nothing registered, no secret), and the account works as usual.
const BASE_URL = 'http://app.test/onbehalf';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let sandbox: Sandbox;
let remote: RemoteMcpServer;
let documents: Server;
let documentUrl: string;
let weather: McpProvider;
let ob: OnBehalf;

beforeAll(async () => {
  sandbox = await createSandbox({ clientIdMetadataDocuments: true });
  remote = await startRemoteMcpServer(sandbox);
  // Where the app publishes its client metadata (its own web server, in production over https).
  documents = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      client_id: documentUrl,
      client_name: 'onbehalf test app',
      redirect_uris: [`${BASE_URL}/callback/weather`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }));
  });
  await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve));
  documentUrl = `http://127.0.0.1:${(documents.address() as AddressInfo).port}/oauth/client.json`;
  weather = defineMcpProvider({ id: 'weather', name: 'Weather', url: remote.url });
  ob = createOnBehalf({ database: ':memory:', encryptionKey: randomBytes(32).toString('base64'), baseUrl: BASE_URL, logger: quiet, providers: [weather] });
  await ob.migrate();
});

afterAll(async () => {
  await weather.close();
  await ob.close();
  await remote.close();
  await new Promise((resolve) => documents.close(resolve));
  await sandbox.close();
});

describe('registerMcpConnection with a Client ID Metadata Document', () => {
  it('uses the document URL as the client id, a public client, and connects an account with it', async () => {
    const registered = await registerMcpConnection(ob, { connection: 'weather', provider: weather, clientMetadataUrl: documentUrl });
    expect(registered).toMatchObject({ method: 'client_id_metadata_document', issuer: sandbox.issuer });
    expect(registered.connection).toMatchObject({ clientId: documentUrl, hasClientSecret: false });

    const { link } = await ob.accounts.authorizationLink({ connection: 'weather', identifier: 'alice' });
    const start = await ob.handler(new Request(link));
    const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const authorizationUrl = new URL(start.headers.get('location')!);
    expect(authorizationUrl.searchParams.get('client_id')).toBe(documentUrl);
    const { callbackUrl } = await sandbox.consent(authorizationUrl, { user: 'alice' });
    expect((await ob.handler(new Request(callbackUrl, { headers: { cookie } }))).status).toBeLessThan(400);
    expect((await ob.tools.execute({ identifier: 'alice', tool: 'weather_whoami', input: {} })).data).toEqual({ user: 'alice' });
  });

  it('refuses a server that names no authorization server, with a typed error', async () => {
    const nowhere = defineMcpProvider({ id: 'nowhere', name: 'Nowhere', url: `${sandbox.url}/no-mcp-here` });
    await expect(registerMcpConnection(ob, { connection: 'nowhere', provider: nowhere })).rejects.toMatchObject({ code: 'CONFIGURATION_ERROR' });
    await nowhere.close();
  });
});
