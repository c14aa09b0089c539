import { checkDiscoveryRequest } from './discovery-check.ts';
import { loadSpecFile } from './load-spec.ts';
import { checkNotionRequest } from './notion-spec-check.ts';
import { checkOpenApiRequest } from './openapi-check.ts';
import { SPEC_CATALOG, type SpecName } from './spec-catalog.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/**
 * Checks an HTTP request against the provider's own API description in `shared/specs`: that the
 * method and path name a real operation, that every query parameter and body field exists (with
 * `$ref`s resolved), that required ones are present, and that declared enums and types hold.
 * `notion` has no description file and is checked against the endpoint table of `@notionhq/client`.
 */
export function checkRequestAgainstSpec(spec: SpecName | 'notion', request: SpecCheckRequest): SpecCheckResult {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, problems: [`not an absolute URL: ${request.url}`] };
  }
  if (spec === 'notion') return checkNotionRequest(request, url);
  const entry = SPEC_CATALOG[spec];
  if (!entry) return { ok: false, problems: [`unknown spec "${String(spec)}"`] };
  const doc = loadSpecFile(entry.file) as Record<string, unknown>;
  return entry.format === 'discovery' ? checkDiscoveryRequest(doc, request, url) : checkOpenApiRequest(doc, entry, request, url);
}
