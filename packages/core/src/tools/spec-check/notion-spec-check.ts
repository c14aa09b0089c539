import { createRequire } from 'node:module';
import type { CreatePageParameters, SearchParameters, UpdatePageParameters, AppendBlockChildrenParameters, QueryDataSourceParameters } from '@notionhq/client';
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

let endpoints: Array<Endpoint & { regex: RegExp }> | undefined;

/** The SDK's endpoint descriptors (a dev dependency), loaded on first use. */
function notionEndpoints(): Array<Endpoint & { regex: RegExp }> {
  if (endpoints) return endpoints;
  const table = createRequire(import.meta.url)('@notionhq/client/build/src/api-endpoints') as Record<string, unknown>;
  endpoints = [];
  for (const [name, value] of Object.entries(table)) {
    const e = value as Partial<Endpoint>;
    if (!e || typeof e.path !== 'function' || typeof e.method !== 'string' || !Array.isArray(e.bodyParams)) continue;
    const placeholders = Object.fromEntries((e.pathParams ?? []).map((p) => [p, `\u0000${p}\u0000`]));
    const template = e.path(placeholders);
    const pattern = template.split(/\u0000[^\u0000]+\u0000/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)');
    endpoints.push({ ...(e as Endpoint), name, regex: new RegExp(`^${pattern}$`) });
  }
  return endpoints;
}

export function checkNotionRequest(request: SpecCheckRequest, url: URL): SpecCheckResult {
  if (url.hostname !== 'api.notion.com' || !url.pathname.startsWith('/v1/')) {
    return { ok: false, problems: [`${url.origin}${url.pathname} is not under https://api.notion.com/v1/`] };
  }
  const path = url.pathname.slice('/v1/'.length).replace(/\/$/, '');
  const matches = notionEndpoints().filter((e) => e.regex.test(path));
  if (matches.length === 0) return { ok: false, problems: [`no Notion SDK endpoint matches path /v1/${path}`] };
  const method = request.method.toLowerCase();
  const endpoint = matches.find((e) => e.method === method);
  if (!endpoint) {
    return { ok: false, problems: [`method ${method.toUpperCase()} is not defined for /v1/${path}; the SDK has ${matches.map((e) => `${e.method.toUpperCase()} (${e.name})`).join(', ')}`] };
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
