export { createAuthorizationLinks, requireBaseUrl } from './authorization-links.ts';
export type { AuthorizationLink, AuthorizationLinkOptions, AuthorizationLinks } from './authorization-links.ts';
export { resolveReturnTo } from './return-to.ts';
