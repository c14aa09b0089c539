export { createMockApis } from './create-mock-apis.ts';
export type { CreateMockApisOptions, MockApiRequest, MockApis, MockApisState } from './create-mock-apis.ts';
export { MOCK_API_BASES, mockBaseUrl, toMockUrl } from './mock-provider.ts';
export type { MockApiName } from './mock-provider.ts';
export type { TokenInfo, VerifyAccessToken } from './router.ts';
