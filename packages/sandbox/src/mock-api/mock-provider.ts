import type { MockRequest, MockResponse, VerifyAccessToken } from './router.ts';

export type MockApiName = 'gmail' | 'calendar' | 'slack' | 'github' | 'notion';

/** What every provider mock gets from `createMockApis`. */
export interface MockProviderContext {
  verifyAccessToken: VerifyAccessToken;
  seed: string;
  now: () => Date;
  /** Reject tokens that lack the provider's documented scope for a method (off by default). */
  enforceScopes: boolean;
}

/** One provider's mock: routes below `prefix`, answers in that provider's documented shapes. */
export interface MockProvider<S = unknown> {
  api: MockApiName;
  /** Mock path prefix; `realBase + (path without prefix)` is the provider's real URL. */
  prefix: string;
  realBase: string;
  /** Content type the provider sends JSON with. */
  jsonType: string;
  handle(request: MockRequest): Promise<{ response: MockResponse; sub?: string }>;
  /** The provider's own error response for an injected failure with this HTTP status. */
  failure(status: number): MockResponse;
  state: S;
}

/**
 * Where each mock lives and which real base URL it stands for. Gmail and Calendar keep their
 * real first path segment, so for them the mock URL is simply the real path on the mock origin.
 */
export const MOCK_API_BASES: Record<MockApiName, { prefix: string; realBase: string }> = {
  gmail: { prefix: '/gmail', realBase: 'https://gmail.googleapis.com/gmail' },
  calendar: { prefix: '/calendar', realBase: 'https://www.googleapis.com/calendar' },
  slack: { prefix: '/slack', realBase: 'https://slack.com' },
  github: { prefix: '/github', realBase: 'https://api.github.com' },
  notion: { prefix: '/notion', realBase: 'https://api.notion.com' },
};

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
export function mockBaseUrl(api: MockApiName, mockOrigin: string): string {
  return `${mockOrigin.replace(/\/$/, '')}${MOCK_API_BASES[api].prefix}`;
}

/**
 * The clock seeded data hangs off: the current hour, so two mocks created in the same hour (a test
 * and its re-run, two processes of a demo) hold identical ids and timestamps.
 */
export function seedTime(context: MockProviderContext): Date {
  const hour = 3_600_000;
  return new Date(Math.floor(context.now().getTime() / hour) * hour);
}

export function hasScope(granted: string[], accepted: string[]): boolean {
  return accepted.some((scope) => granted.includes(scope));
}
