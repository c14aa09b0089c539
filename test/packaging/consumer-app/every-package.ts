// Imports every public package by its published name, so the type check and a plain `node` run
// see each tarball's exports, types and dependencies. Copied into the consumer app by
// consumer-smoke.test.ts; never run in place.
import { createOnBehalf, defineTool, toolKit, type OnBehalf } from '@onbehalf/core';
import { onBehalfRouter } from '@onbehalf/express';
import { onBehalfMiddleware } from '@onbehalf/koa';
import { toNextHandler } from '@onbehalf/next';
import { getTools as langchainTools } from '@onbehalf/langchain';
import { getTools as aiSdkTools } from '@onbehalf/ai-sdk';
import { getTools as genaiTools } from '@onbehalf/google-genai';
import { getTools as adkTools } from '@onbehalf/google-adk';
import { getTools as openaiAgentsTools } from '@onbehalf/openai-agents';
import { createMcpServer, mcpRouter } from '@onbehalf/mcp';
import { createProviderSandbox, createSandbox, mockBaseUrl } from '@onbehalf/sandbox';
import { z } from 'zod';

const ping = defineTool({
  name: 'demo_ping',
  provider: 'github',
  description: 'Answers pong.',
  input: z.object({ owner: toolKit.pathSegment('Repository owner') }),
  execute: async ({ owner }) => ({ pong: owner }),
});

const ob: OnBehalf = createOnBehalf({ database: ':memory:', encryptionKey: Buffer.alloc(32, 7).toString('base64'), tools: [ping] });
const exported: Record<string, unknown> = { onBehalfRouter, onBehalfMiddleware, toNextHandler, langchainTools, aiSdkTools, genaiTools, adkTools, openaiAgentsTools, createMcpServer, mcpRouter, createProviderSandbox, createSandbox, mockBaseUrl };
console.log(JSON.stringify(Object.fromEntries(Object.entries(exported).map(([name, value]) => [name, typeof value]))));
await ob.close();
