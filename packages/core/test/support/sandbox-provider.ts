import { defineProvider } from '../../src/providers/index.ts';

/** The sandbox as an OAuth provider: discovered from its issuer, refreshed only once expired. */
export const sandboxProvider = (issuer: string) =>
  defineProvider({ id: 'sandbox', name: 'Sandbox', auth: { type: 'oauth2', issuer, refreshMarginSeconds: 0 }, api: { baseUrl: issuer } });
