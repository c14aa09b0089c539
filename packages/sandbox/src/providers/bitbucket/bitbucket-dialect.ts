import type { ProviderDialect } from '../../mock-api/index.ts';

/** Bitbucket's token answer names the granted permissions `scopes` (and sends no `scope`). */
export const bitbucketDialect: ProviderDialect = {
  tokenResponse(body) {
    const { scope, ...rest } = body;
    return { ...rest, scopes: typeof scope === 'string' ? scope : '' };
  },
};
