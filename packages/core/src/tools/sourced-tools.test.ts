import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthorizationRequiredError } from '../errors.ts';
import { defineProvider, type SourcedTool, type ToolSourceContext } from '../providers/index.ts';
import { testDialects } from '../../test/support/databases.ts';
import { BASE_URL } from '../../test/support/oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * A provider's `toolSource` (what @onbehalf/mcp builds remote MCP servers on), without MCP: an API
 * that names its own tools at `/tools` and answers `/whoami` with the key it was sent. The tools
 * are listed through an active account, named like built-in ones, re-listed when the source answers
 * a new array, and run with the calling identifier's own credentials.
 */
describe.each(testDialects)('a provider whose tools come from a tool source [%s]', (dialect) => {
  let api: Server;
  let t: TestOnBehalf;
  let toolNames = ['whoami'];
  const listings: string[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      const key = String(req.headers['x-key'] ?? '');
      if (req.url === '/tools') listings.push(key);
      const body = req.url === '/tools' ? { tools: toolNames } : { key };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    let cached: { names: string; tools: readonly SourcedTool[] } | undefined;
    const source = {
      async list(context: ToolSourceContext): Promise<readonly SourcedTool[]> {
        const { tools } = (await (await context.fetch('/tools')).json()) as { tools: string[] };
        // The same array while nothing changed, as the contract asks.
        if (cached?.names !== tools.join()) {
          cached = {
            names: tools.join(),
            tools: tools.map((name) => ({
              name: `remote_${name}`,
              description: `The remote ${name}.`,
              input: z.object({ note: z.string().optional() }),
              writes: false,
              execute: async (_input: unknown, ctx: Parameters<SourcedTool['execute']>[1]) => ({ ...((await (await ctx.fetch('/whoami')).json()) as object), connection: ctx.connection }),
            })),
          };
        }
        return cached.tools;
      },
    };
    const remote = defineProvider({ id: 'remote', name: 'Remote', auth: { type: 'api_key', header: 'X-Key', template: '{apiKey}' }, api: { baseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` }, toolSource: source });
    t = await createTestOnBehalf(dialect, { baseUrl: BASE_URL, providers: [remote], connections: [{ name: 'remote', provider: 'remote' }] });
  });

  afterAll(async () => {
    await t?.cleanup();
    await new Promise((resolve) => api.close(resolve));
  });

  it('lists nothing while no account is connected, then the source’s tools like declared ones', async () => {
    expect(await t.ob.tools.list({ providers: ['remote'] })).toEqual([]);
    await t.ob.accounts.setCredentials({ connection: 'remote', identifier: 'alice', credentials: { apiKey: 'key-alice' } });
    const [spec] = await t.ob.tools.list({ providers: ['remote'] });
    expect(spec).toMatchObject({ name: 'remote_whoami', provider: 'remote', connection: 'remote', description: 'The remote whoami.', writes: false, inputSchema: { type: 'object', properties: { note: { type: 'string' } } } });
    expect(listings.at(-1)).toBe('key-alice');
  });

  it('runs with the caller’s own account, and asks an unconnected caller to connect', async () => {
    await t.ob.accounts.setCredentials({ connection: 'remote', identifier: 'bob', credentials: { apiKey: 'key-bob' } });
    expect((await t.ob.tools.execute({ identifier: 'bob', tool: 'remote_whoami', input: {} })).data).toEqual({ key: 'key-bob', connection: 'remote' });
    expect((await t.ob.tools.execute({ identifier: 'alice', tool: 'remote_whoami', input: { note: 'x' } })).data).toEqual({ key: 'key-alice', connection: 'remote' });
    await expect(t.ob.tools.execute({ identifier: 'carol', tool: 'remote_whoami', input: {} })).rejects.toBeInstanceOf(AuthorizationRequiredError);
    await expect(t.ob.tools.execute({ identifier: 'bob', tool: 'remote_whoami', input: { note: 3 } })).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
  });

  it('re-lists when the source answers a new list', async () => {
    toolNames = ['whoami', 'search'];
    expect((await t.ob.tools.list({ providers: ['remote'] })).map((s) => s.name)).toEqual(['remote_whoami', 'remote_search']);
    expect((await t.ob.tools.execute({ identifier: 'bob', tool: 'remote_search', input: {} })).data).toEqual({ key: 'key-bob', connection: 'remote' });
  });
});
