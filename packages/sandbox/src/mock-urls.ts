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

/** The real base URL a client should swap for the mock, e.g. `https://api.github.com` → `${origin}/github`. */
export function mockBaseUrl(api: SandboxProviderId, mockOrigin: string): string {
  return `${mockOrigin.replace(/\/$/, '')}${MOCK_API_BASES[api].prefix}`;
}
