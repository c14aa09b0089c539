import type { MountExample } from '@onbehalf/demo-kit';
import type { VerifyToken } from '@onbehalf/mcp';
import { createAssistant } from './assistant.ts';
import { createDemoApp } from './app.ts';

/**
 * This example's app on the shared environment: the Express app with its LangChain assistant, and
 * its tools over MCP at `/mcp`. The sandbox's OpenID server stands in for the app's own identity
 * provider there: an MCP client signs a person in at it (dynamic registration, PKCE, the
 * `resource` of /mcp), and the person's sandbox login is their onbehalf identifier.
 */
export const mountExample: MountExample = async (env, user) => {
  const assistant = await createAssistant(env.ob);
  const publicUrl = env.ob.baseUrl!.replace(/\/onbehalf$/, '');
  const identityProvider = env.sandbox.sandbox;
  const verifyToken: VerifyToken = async (token) => {
    const info = await identityProvider.verifyAccessToken(token);
    return info ? { identifier: info.sub, scopes: info.scopes, audience: info.audience ?? [] } : null;
  };
  const mcp = { resource: `${publicUrl}/mcp`, authorizationServers: [identityProvider.issuer], verifyToken, name: 'onbehalf example (Express + LangChain)' };
  return { listener: createDemoApp({ ob: env.ob, assistant, user, mcp }), modelLabel: assistant.modelLabel };
};
