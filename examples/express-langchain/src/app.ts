import type { OnBehalf } from '@onbehalf/core';
import { renderDemoPage } from '@onbehalf/demo-kit';
import { onBehalfRouter } from '@onbehalf/express';
import { mcpRouter, type McpRouterOptions } from '@onbehalf/mcp';
import express, { type Request } from 'express';
import type { Assistant } from './assistant.ts';

export interface DemoAppOptions {
  ob: OnBehalf;
  assistant: Assistant;
  /** The demo has one signed-in user; a real app reads it from its session. */
  user: string;
  /** Also serve each user's tools over MCP at /mcp, to MCP clients signed in at `authorizationServers`. */
  mcp?: McpRouterOptions;
}

/** The example app: the onbehalf routes, four JSON endpoints, the demo page and the MCP endpoint. */
export function createDemoApp({ ob, assistant, user, mcp }: DemoAppOptions): express.Express {
  const app = express();
  const signedInUser = (_req: Request) => user;

  // Links only proceed for the user they were made for (see README: recommended in production).
  app.use('/onbehalf', onBehalfRouter(ob, { getIdentifier: signedInUser }));
  // The same tools for MCP clients (an inspector, a desktop assistant): whose tools they are comes
  // from the client's access token only.
  if (mcp) app.use('/mcp', mcpRouter(ob, mcp));
  app.use(express.json());

  app.get('/', (_req, res) => {
    res.type('html').send(renderDemoPage({ stack: 'Express + LangChain', user, modelLabel: assistant.modelLabel }));
  });

  app.get('/api/accounts', async (req, res) => {
    const identifier = signedInUser(req);
    const [connections, accounts] = await Promise.all([ob.connections.list(), ob.accounts.list({ identifier })]);
    const byConnection = new Map(accounts.items.map((a) => [a.connection, a]));
    res.json({
      connections: connections.map((c) => ({ name: c.name, provider: c.provider, status: byConnection.get(c.name)?.status ?? 'NOT_CONNECTED' })),
    });
  });

  app.post('/api/connect/:connection', async (req, res) => {
    const { link } = await ob.accounts.authorizationLink({ connection: req.params.connection!, identifier: signedInUser(req), returnTo: '/' });
    res.json({ link });
  });

  app.post('/api/disconnect/:connection', async (req, res) => {
    const account = await ob.accounts.revoke({ connection: req.params.connection!, identifier: signedInUser(req) });
    res.json({ status: account.status });
  });

  app.post('/api/chat', async (req, res) => {
    const message = typeof req.body?.message === 'string' ? req.body.message.slice(0, 2000) : '';
    if (!message) return void res.status(400).json({ error: 'message is required' });
    const result = await assistant.ask(signedInUser(req), message);
    console.log(`[agent:${assistant.modelLabel.split(' ')[0]}] ${message} → ${result.toolCalls.map((c) => c.name).join(', ') || 'no tool'}`);
    res.json(result);
  });

  app.use((error: Error & { status?: number; code?: string }, _req: Request, res: express.Response, _next: express.NextFunction) => {
    res.status(error.status ?? 500).json({ error: error.code ?? 'INTERNAL_ERROR', message: error.message });
  });
  return app;
}
