import type { ProviderModule } from './provider-module.ts';

/** Where a mock lives and which real base URL it stands for. */
export interface MockApiBase {
  prefix: string;
  realBase: string;
}

/** The prefix and real base of each module, by provider id. */
export function mockApiBases<M extends ProviderModule>(modules: readonly M[]): Record<M['id'], MockApiBase> {
  return Object.fromEntries(modules.map(({ id, prefix, realBase }) => [id, { prefix, realBase }])) as Record<M['id'], MockApiBase>;
}
