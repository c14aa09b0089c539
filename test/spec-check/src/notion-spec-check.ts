import { createRequire } from 'node:module';
import type { CreatePageParameters, SearchParameters, UpdatePageParameters, AppendBlockChildrenParameters, QueryDataSourceParameters } from '@notionhq/client';
import { toDescriptionPath, type ApiDescription } from './api-description.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/**
 * Notion publishes no OpenAPI file; its official SDK is the description. Two checks come from it:
 * at compile time, `notionBody()` is typed with the SDK's parameter types so `tsc` rejects a wrong
 * field; at run time, `checkNotionRequest` matches method and path against the SDK's endpoint
 * table (`method`, `path()`, `queryParams`, `bodyParams`) and flags unknown top-level fields.
 */

/** Request bodies by operation, as the SDK types them (path params stripped where the SDK mixes them in). */
export interface NotionBodies {
  search: SearchParameters;
  'pages.create': CreatePageParameters;
  'pages.update': Omit<UpdatePageParameters, 'page_id'>;
  'blocks.children.append': Omit<AppendBlockChildrenParameters, 'block_id'>;
  'dataSources.query': Omit<QueryDataSourceParameters, 'data_source_id'>;
}

/** Identity at run time; at compile time the body must be what the SDK accepts for that operation. */
export function notionBody<K extends keyof NotionBodies>(_operation: K, body: NotionBodies[K]): NotionBodies[K] {
  return body;
}

interface Endpoint {
  name: string;
  method: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  bodyParams: readonly string[];
  path: (params: Record<string, string>) => string;
}

const tables = new Map<string, Array<Endpoint & { regex: RegExp }>>();

/** The SDK's endpoint descriptors (`build/src/api-endpoints` of the package), loaded on first use. */
function notionEndpoints(sdk: string): Array<Endpoint & { regex: RegExp }> {
  const cached = tables.get(sdk);
  if (cached) return cached;
  const table = createRequire(import.meta.url)(`${sdk}/build/src/api-endpoints`) as Record<string, unknown>;
  const endpoints: Array<Endpoint & { regex: RegExp }> = [];
  for (const [name, value] of Object.entries(table)) {
    const e = value as Partial<Endpoint>;
    if (!e || typeof e.path !== 'function' || typeof e.method !== 'string' || !Array.isArray(e.bodyParams)) continue;
    const placeholders = Object.fromEntries((e.pathParams ?? []).map((p) => [p, `\u0000${p}\u0000`]));
    const template = e.path(placeholders);
    const pattern = template.split(/\u0000[^\u0000]+\u0000/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)');
    endpoints.push({ ...(e as Endpoint), name, regex: new RegExp(`^${pattern}$`) });
  }
  tables.set(sdk, endpoints);
  return endpoints;
}

/** The SDK's paths are relative to the API base (`search`, `pages/{page_id}`), without a leading slash. */
export function checkNotionRequest(description: ApiDescription, request: SpecCheckRequest, url: URL): SpecCheckResult {
  const mapped = toDescriptionPath(description, url);
  if ('problem' in mapped) return { ok: false, problems: [mapped.problem] };
  const path = mapped.path.slice(1).replace(/\/$/, '');
  const matches = notionEndpoints(String(description.file)).filter((e) => e.regex.test(path));
  if (matches.length === 0) return { ok: false, problems: [`no Notion SDK endpoint matches path ${url.pathname}`] };
  const method = request.method.toLowerCase();
  const endpoint = matches.find((e) => e.method === method);
  if (!endpoint) {
    return { ok: false, problems: [`method ${method.toUpperCase()} is not defined for ${url.pathname}; the SDK has ${matches.map((e) => `${e.method.toUpperCase()} (${e.name})`).join(', ')}`] };
  }
  const problems: string[] = [];
  for (const name of new Set(url.searchParams.keys())) {
    if (!endpoint.queryParams.includes(name)) problems.push(`unknown query parameter "${name}" for ${endpoint.name} (allowed: ${endpoint.queryParams.join(', ') || 'none'})`);
  }
  if (request.body !== undefined) {
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      problems.push(`${endpoint.name} takes a JSON object body`);
    } else {
      for (const name of Object.keys(request.body)) {
        if (!endpoint.bodyParams.includes(name)) problems.push(`unknown body field "${name}" for ${endpoint.name} (allowed: ${endpoint.bodyParams.join(', ') || 'none'})`);
      }
    }
  }
  return { ok: problems.length === 0, operation: endpoint.name, problems };
}
