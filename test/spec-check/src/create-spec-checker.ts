import { join } from 'node:path';
import { loadApiDescription, type ApiDescription } from './api-description.ts';
import { checkRequestAgainstSpec } from './check-request-against-spec.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

export interface SpecCheckerOptions {
  /** The catalog folder: `<catalogDir>/<provider id>/fixtures/api-description.json` binds each provider to its description. */
  catalogDir: string;
}

export interface SpecChecker {
  /** The provider's binding, or undefined when it has none. */
  description(provider: string): ApiDescription | undefined;
  /** Checks a request against the provider's description; a provider without a binding fails the check. */
  check(provider: string, request: SpecCheckRequest): SpecCheckResult;
}

/** A spec checker keyed by provider id, reading each provider's binding from its fixtures folder. */
export function createSpecChecker(options: SpecCheckerOptions): SpecChecker {
  const bindings = new Map<string, ApiDescription | undefined>();
  function description(provider: string): ApiDescription | undefined {
    if (!bindings.has(provider)) bindings.set(provider, /^[a-z0-9_]+$/.test(provider) ? loadApiDescription(join(options.catalogDir, provider, 'fixtures')) : undefined);
    return bindings.get(provider);
  }
  return {
    description,
    check(provider, request) {
      const binding = description(provider);
      if (!binding) return { ok: false, problems: [`provider "${provider}" has no fixtures/api-description.json in ${options.catalogDir}`] };
      return checkRequestAgainstSpec(binding, request);
    },
  };
}
