import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { providerError } from '../api-client/index.ts';
import { OnBehalfError } from '../errors.ts';
import { defineProvider } from '../providers/index.ts';
import { bindTool, defineTool } from './index.ts';
import { testDialects } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { BASE_URL, createRecorder } from '../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

const USERNAME = 'alice@example.com';
const PASSWORD = 'pw-Zq8!r7&x';
const API_KEY = 'key-9f8e7d6c5b4a';
const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64');
/** Every form in which the account's secrets may come back. */
const SECRETS = [PASSWORD, `${USERNAME}:${PASSWORD}`, BASIC, encodeURIComponent(PASSWORD), API_KEY];

/**
 * Providers whose error answers echo the credentials they were sent: Basic auth (the raw password,
 * `user:password` and its base64) and an API key in a `Token token=…` header. None of it may reach
 * the model, the app's error or a log line.
 */
describe.each(testDialects)('a provider that echoes the account\'s credentials in its errors [%s]', (dialect) => {
  let api: Server;
  let t: TestOnBehalf;
  const recorder = createRecorder();

  beforeAll(async () => {
    api = createServer((req, res) => {
      const authorization = req.headers.authorization ?? '';
      const pair = Buffer.from(/^Basic (.+)$/.exec(authorization)?.[1] ?? '', 'base64').toString();
      const password = pair.slice(pair.indexOf(':') + 1);
      const key = /^Token token=(.+)$/.exec(String(req.headers['x-auth'] ?? ''))?.[1];
      const message = key ? `Unknown API key ${key}`
        // The secret straddles the 300 characters a provider message is cut to.
        : req.url === '/long' ? `${'x'.repeat(295)} ${password}`
        : `Login failed: got ${authorization} (${pair}), password "${password}", encoded ${encodeURIComponent(password)}`;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message, code: `bad_login:${key ?? password}` }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const basic = defineProvider({ id: 'echo_basic', name: 'EchoBasic', auth: { type: 'basic' }, api: { baseUrl: origin } });
    const keyed = defineProvider({ id: 'echo_key', name: 'EchoKey', auth: { type: 'api_key', header: 'X-Auth', template: 'Token token={apiKey}' }, api: { baseUrl: origin } });
    const tool = (provider: string, path: string) => defineTool({
      name: `${provider}${path.replace('/', '_')}`, provider, description: 'Reads something.', input: z.object({}),
      execute: (_input, ctx) => ctx.request(path),
    });
    // A tool that builds its error from the provider's answer itself, as slackCall does.
    const ownError = defineTool({
      name: 'echo_basic_own', provider: 'echo_basic', description: 'Reads something.', input: z.object({}),
      async execute(_input, ctx) {
        const answer = (await (await ctx.fetch('/me')).json()) as { message: string };
        throw providerError({ provider: ctx.provider, status: 200, method: 'GET', path: '/me', message: answer.message, redact: ctx.redact });
      },
    });
    // One that forgets ctx.redact altogether: the engine redacts its message on the way out.
    const careless = defineTool({
      name: 'echo_basic_careless', provider: 'echo_basic', description: 'Reads something.', input: z.object({}),
      async execute(_input, ctx) {
        const answer = (await (await ctx.fetch('/me')).json()) as { message: string };
        throw new OnBehalfError('PROVIDER_API_ERROR', `EchoBasic said: ${answer.message}`);
      },
    });
    t = await createTestOnBehalf(dialect, {
      baseUrl: BASE_URL,
      logger: recorder.logger,
      providers: [basic, keyed],
      connections: [{ name: 'echo_basic', provider: 'echo_basic' }, { name: 'echo_key', provider: 'echo_key' }],
      tools: [tool('echo_basic', '/me'), tool('echo_basic', '/long'), tool('echo_key', '/me'), ownError, careless],
    });
    await t.ob.accounts.setCredentials({ connection: 'echo_basic', identifier: 'alice', credentials: { username: USERNAME, password: PASSWORD } });
    await t.ob.accounts.setCredentials({ connection: 'echo_key', identifier: 'alice', credentials: { apiKey: API_KEY } });
  });
  afterAll(async () => {
    await t?.cleanup();
    await new Promise<void>((resolve) => api.close(() => resolve()));
  });

  it.each(['echo_basic_me', 'echo_basic_long', 'echo_key_me', 'echo_basic_own', 'echo_basic_careless'])('%s: the error, what the model is handed and the logs carry no secret', async (name) => {
    const error = await expectOnBehalfError(t.ob.tools.execute({ identifier: 'alice', tool: name, input: {} }), 'PROVIDER_API_ERROR');
    const spec = (await t.ob.tools.list({ tools: [name] }))[0]!;
    const outcome = await bindTool(t.ob, spec, { identifier: 'alice' })({});
    expect(outcome.ok).toBe(false);
    const seen = [error.message, JSON.stringify(error), JSON.stringify(outcome), ...recorder.lines].join('\n');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    // Nor the start of one cut off by the length limit.
    expect(seen).not.toContain(PASSWORD.slice(0, 5));
    expect(error.message).toContain('[REDACTED]');
  });
});
