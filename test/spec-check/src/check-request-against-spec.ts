import { descriptionFiles, type ApiDescription } from './api-description.ts';
import { checkDiscoveryRequest } from './discovery-check.ts';
import { checkGraphqlRequest } from './graphql-check.ts';
import { loadSpecFile } from './load-spec.ts';
import { checkNotionRequest } from './notion-spec-check.ts';
import { checkOpenApiRequest } from './openapi-check.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/**
 * Checks an HTTP request against the provider's own API description in `shared/specs`: that the
 * method and path name a real operation, that every query parameter and body field exists (with
 * `$ref`s resolved), that required ones are present, and that declared enums and types hold.
 * A `notion-sdk` description is checked against the endpoint table of `@notionhq/client`.
 */
export function checkRequestAgainstSpec(description: ApiDescription, request: SpecCheckRequest): SpecCheckResult {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { ok: false, problems: [`not an absolute URL: ${request.url}`] };
  }
  if (description.format === 'notion-sdk') return checkNotionRequest(description, request, url);
  if (description.format === 'graphql') return checkGraphqlRequest(description, request, url);
  let first: SpecCheckResult | undefined;
  for (const file of descriptionFiles(description.file)) {
    const doc = loadSpecFile(file) as Record<string, unknown>;
    const result = description.format === 'discovery' ? checkDiscoveryRequest(doc, request, url) : checkOpenApiRequest(doc, description, request, url);
    // The file that defines the operation decides; when none does, the first file's answer says why.
    if (result.operation !== undefined) return result;
    first ??= result;
  }
  return first ?? { ok: false, problems: ['the API description names no file'] };
}
