import { defineProvider } from '../../src/providers/index.ts';
import type { OAuth2Auth } from '../../src/providers/index.ts';

/**
 * The sandbox as an OAuth provider, discovered from its issuer. By default refreshed only once
 * expired (margin 0), so tests decide when a token is due; `auth` overrides that, e.g.
 * `{ refreshMarginSeconds: undefined }` for the library's default margin.
 */
export const sandboxProvider = (issuer: string, auth: Partial<OAuth2Auth> = {}) =>
  defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer, refreshMarginSeconds: 0, ...auth }, api: { baseUrl: issuer } });
