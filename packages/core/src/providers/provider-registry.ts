import { OnBehalfError } from '../errors.ts';
import type { Provider } from './provider-types.ts';

export interface ProviderRegistry {
  get(id: string): Provider;
  has(id: string): boolean;
  list(): Provider[];
}

/**
 * The providers an onbehalf instance knows: the built-in catalog's plus the app's own, in that
 * order, so an app provider with a built-in id replaces it.
 */
export function createProviderRegistry(...lists: ReadonlyArray<readonly Provider[]>): ProviderRegistry {
  const byId = new Map<string, Provider>();
  for (const provider of lists.flat()) byId.set(provider.id, provider);
  return {
    get(id) {
      const provider = byId.get(id);
      if (!provider) throw new OnBehalfError('PROVIDER_NOT_FOUND', `No provider '${id}'. Known: ${[...byId.keys()].join(', ')}.`, { details: { provider: id } });
      return provider;
    },
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
  };
}
