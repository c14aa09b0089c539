import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/**
 * GitHub's token answer names nobody: `GET /user` after consent gives the person's `login` and
 * numeric id, stored as `values.login` and `values.userId` (the id survives a rename). It also
 * proves the new token works, for GitHub App user tokens as for OAuth App ones.
 */
export async function githubIdentity({ fetch }: AfterConsentContext): Promise<Record<string, string>> {
  const response = await fetch('/user');
  const user = (await response.json().catch(() => undefined)) as { login?: unknown; id?: unknown } | undefined;
  if (!response.ok || typeof user?.login !== 'string' || (typeof user.id !== 'number' && typeof user.id !== 'string')) {
    throw new OnBehalfError('PROVIDER_API_ERROR', `GitHub did not say whose token this is (GET /user answered HTTP ${response.status}).`, { details: { provider: 'github', status: response.status } });
  }
  return { login: user.login, userId: String(user.id) };
}
