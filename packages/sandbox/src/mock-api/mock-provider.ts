import type { MockRequest, MockResponse, VerifyAccessToken } from './router.ts';

/** What every provider mock gets from the mock host. */
export interface MockProviderContext {
  verifyAccessToken: VerifyAccessToken;
  seed: string;
  now: () => Date;
  /** Reject tokens that lack the provider's documented scope for a method (off by default). */
  enforceScopes: boolean;
}

/** One provider's running mock: answers requests below its prefix in that provider's documented shapes. */
export interface MockProvider<S = unknown> {
  handle(request: MockRequest): Promise<{ response: MockResponse; sub?: string }>;
  /** The provider's own error response for an injected failure with this HTTP status. */
  failure(status: number): MockResponse;
  state: S;
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
