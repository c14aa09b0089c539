import { OnBehalfError } from '../errors.ts';
import { jira, linear, vercel } from './api-key-providers.ts';
import { github } from './github.ts';
import { gmail, googleCalendar, googleDrive } from './google.ts';
import { notion } from './notion.ts';
import type { Provider } from './provider-types.ts';
import { slack } from './slack.ts';

export const builtInProviders: readonly Provider[] = [gmail, googleCalendar, googleDrive, slack, github, notion, jira, vercel, linear];

export interface ProviderRegistry {
  get(id: string): Provider;
  has(id: string): boolean;
  list(): Provider[];
}

/** Built-in providers plus the app's own; an app provider with a built-in id replaces it. */
export function createProviderRegistry(custom: readonly Provider[] = []): ProviderRegistry {
  const byId = new Map<string, Provider>();
  for (const provider of [...builtInProviders, ...custom]) byId.set(provider.id, provider);
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
