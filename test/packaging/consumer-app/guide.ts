// The README's five-minute guide as a newcomer's app would write it, against the sandbox instead
// of Google: (1) configure a connection, (2) mount the routes with getIdentifier, (3) send the
// signed-in user through consent from a Connect route, (4) give a LangChain agent tools bound to
// that user. It then plays the person's browser and prints one JSON line with what it saw.
// Copied into a fresh npm app outside the workspace by consumer-smoke.test.ts; never run in place.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { createOnBehalf, OnBehalfError } from '@onbehalf/core';
import { onBehalfRouter } from '@onbehalf/express';
import { getTools } from '@onbehalf/langchain';
import { createProviderSandbox } from '@onbehalf/sandbox';

const sandbox = await createProviderSandbox();
const app = express();
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const baseUrl = `${origin}/onbehalf`;

// 1. Configure connections (the sandbox hands out a gmail connection pointed at itself).
const ob = createOnBehalf({
  database: 'sqlite:./onbehalf.db',
  encryptionKey: randomBytes(32).toString('base64'),
  baseUrl,
  connections: [sandbox.connection('gmail', { baseUrl, scopes: ['https://www.googleapis.com/auth/gmail.readonly'] })],
});
await ob.migrate();

// The app's own sign-in, kept minimal: a cookie naming the user.
const signedIn = (req: Request): string | undefined => /(?:^|;\s*)user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

// 2. Mount the routes, with getIdentifier telling onbehalf who is signed in.
app.use('/onbehalf', onBehalfRouter(ob, { getIdentifier: (req) => signedIn(req) }));

// 3. A "Connect" button's route.
app.get('/connect/gmail', async (req, res) => {
  const { link } = await ob.accounts.authorizationLink({ connection: 'gmail', identifier: signedIn(req)!, returnTo: `${origin}/settings` });
  res.redirect(link);
});
app.get('/settings', (_req, res) => void res.send('settings'));
// A later route of the app: the router must leave it alone.
app.get('/health', (_req, res) => void res.send('ok'));

// The person's browser: one cookie jar, redirects followed by hand.
const jar = new Map<string, string>([['user', 'alice']]);
async function browse(url: string): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return response;
}

const connect = await browse(`${origin}/connect/gmail`);
const link = connect.headers.get('location')!;
const authorize = await browse(link);
const { callbackUrl } = await sandbox.sandbox.consent(authorize.headers.get('location')!, { user: 'alice' });
const callback = await browse(callbackUrl);
const account = await ob.accounts.get({ connection: 'gmail', identifier: 'alice' });

// 4. Tools bound to that user; the model would call them, here the app invokes one.
const tools = await getTools(ob, { identifier: 'alice', providers: ['gmail'] });
const fetchMails = tools.find((t) => t.name === 'gmail_fetch_mails');
const content: unknown = await fetchMails?.invoke({ query: 'is:unread', maxResults: 5 });

// A first mistake, answered clearly from the packed package too.
const unknownTool = await getTools(ob, { identifier: 'alice', tools: ['gmail_fetch_mail'] }).then(
  () => 'no error',
  (error: unknown) => (error instanceof OnBehalfError ? error.code : 'not an OnBehalfError'),
);

console.log(JSON.stringify({
  connect: connect.status,
  linkUnderBaseUrl: link.startsWith(`${baseUrl}/authorize/`),
  authorize: authorize.status,
  callback: callback.status,
  returnedTo: callback.headers.get('location'),
  status: account.status,
  toolNames: tools.map((t) => t.name).sort(),
  toolContent: typeof content === 'string' ? JSON.parse(content) : content,
  health: await (await browse(`${origin}/health`)).text(),
  unknownTool,
}));

await ob.close();
await sandbox.close();
server.close();
