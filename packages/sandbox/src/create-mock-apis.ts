import { createMockHost, type MockApiRequest as MockHostRequest, type MockHost, type MockHostOptions, type MockHostState } from './mock-api/index.ts';
import { SANDBOX_PROVIDER_MODULES, type SandboxProviderId, type SandboxProviderModule } from './providers/index.ts';

/** The name of a mock API is its provider's id (`mocks.failNext('google_calendar', 503)`). */
export type MockApiName = SandboxProviderId;

export type CreateMockApisOptions = MockHostOptions<SandboxProviderId>;

/** One call the mocks received, for test assertions. */
export type MockApiRequest = MockHostRequest<SandboxProviderId>;

/** Per-provider state: sent mails, created events, posted messages, created issues and pages. */
export type MockApisState = MockHostState<SandboxProviderModule>;

export type MockApis = MockHost<SandboxProviderModule>;

/**
 * Provider-shaped mock APIs of every sandbox provider on one node:http handler: Gmail under
 * `/gmail`, Google Calendar under `/calendar`, Slack under `/slack`, GitHub under `/github`,
 * Notion under `/notion`.
 */
export function createMockApis(options: CreateMockApisOptions): MockApis {
  return createMockHost(SANDBOX_PROVIDER_MODULES, options);
}
