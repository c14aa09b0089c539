import { mockApiBases } from './mock-api/index.ts';
import { SANDBOX_PROVIDER_MODULES, type SandboxProviderId } from './providers/index.ts';

/**
 * Where each mock lives and which real base URL it stands for, by provider id. Gmail and Calendar
 * keep their real first path segment, so for them the mock URL is simply the real path on the mock origin.
 */
export const MOCK_API_BASES = mockApiBases(SANDBOX_PROVIDER_MODULES);

/** `https://slack.com/api/chat.postMessage` → `http://127.0.0.1:4000/slack/api/chat.postMessage`. */
export function toMockUrl(realUrl: string, mockOrigin: string): string {
  for (const { prefix, realBase } of Object.values(MOCK_API_BASES)) {
    if (realUrl === realBase || realUrl.startsWith(`${realBase}/`) || realUrl.startsWith(`${realBase}?`)) {
      return `${mockOrigin.replace(/\/$/, '')}${prefix}${realUrl.slice(realBase.length)}`;
    }
  }
  throw new Error(`no mock API serves ${realUrl}`);
}

/**
 * The API base URL to give a catalog connection (`endpoints.apiBaseUrl`) so that the provider's
 * built-in tools reach the mock: the same URL `createProviderSandbox().connection()` sets, e.g.
 * `${origin}/github` for GitHub, `${origin}/slack/api` for Slack, the origin itself for Gmail
 * (whose tools' paths start with `/gmail/v1`). It is not the mock's route prefix: Slack's tools
 * call `/chat.postMessage`, which lives at `/slack/api/chat.postMessage` on the mock.
 */
export function mockBaseUrl(api: SandboxProviderId, mockOrigin: string): string {
  const module = SANDBOX_PROVIDER_MODULES.find((m) => m.id === api);
  if (!module) throw new TypeError(`The sandbox has no API for provider '${api}'.`);
  return `${mockOrigin.replace(/\/$/, '')}${module.apiBasePath}`;
}
