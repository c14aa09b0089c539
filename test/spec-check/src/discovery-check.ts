import { compilePathTemplate, matchPathTemplate, type PathTemplate } from './path-template.ts';
import { checkParamValue, checkValue, type SchemaCheckOptions } from './schema-check.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/** Google API Discovery documents: `rootUrl` + `servicePath` + each method's `path`, parameters by `location`. */

type Json = Record<string, unknown>;

interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  /** Relative to rootUrl + servicePath; upload paths are absolute (`/upload/…`). */
  templates: Array<{ compiled: PathTemplate; upload: boolean }>;
  parameters: Record<string, Json>;
  request?: string;
}

interface DiscoveryIndex {
  base: URL;
  globalParameters: Record<string, Json>;
  methods: DiscoveryMethod[];
  schemaOptions: SchemaCheckOptions;
}

const indexes = new WeakMap<object, DiscoveryIndex>();
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function indexDiscovery(doc: Json): DiscoveryIndex {
  const cached = indexes.get(doc);
  if (cached) return cached;
  const methods: DiscoveryMethod[] = [];
  const walk = (resource: Json) => {
    for (const method of Object.values(isObject(resource.methods) ? resource.methods : {})) {
      if (!isObject(method) || typeof method.path !== 'string') continue;
      const templates = [method.path, method.flatPath]
        .filter((p): p is string => typeof p === 'string')
        .filter((p, i, all) => all.indexOf(p) === i)
        .map((p) => ({ compiled: compilePathTemplate(p), upload: false }));
      const protocols = isObject(method.mediaUpload) && isObject(method.mediaUpload.protocols) ? method.mediaUpload.protocols : {};
      for (const protocol of Object.values(protocols)) {
        if (isObject(protocol) && typeof protocol.path === 'string') templates.push({ compiled: compilePathTemplate(protocol.path), upload: true });
      }
      methods.push({
        id: String(method.id),
        httpMethod: String(method.httpMethod ?? 'GET').toUpperCase(),
        templates,
        parameters: (isObject(method.parameters) ? method.parameters : {}) as Record<string, Json>,
        ...(isObject(method.request) && typeof method.request.$ref === 'string' ? { request: method.request.$ref } : {}),
      });
    }
    for (const child of Object.values(isObject(resource.resources) ? resource.resources : {})) if (isObject(child)) walk(child);
  };
  walk(doc);
  const schemas = isObject(doc.schemas) ? doc.schemas : {};
  const index: DiscoveryIndex = {
    base: new URL(`${String(doc.rootUrl)}${String(doc.servicePath ?? '')}`),
    globalParameters: (isObject(doc.parameters) ? doc.parameters : {}) as Record<string, Json>,
    methods,
    schemaOptions: { resolveRef: (ref) => schemas[ref], discovery: true },
  };
  indexes.set(doc, index);
  return index;
}

export function checkDiscoveryRequest(doc: Json, request: SpecCheckRequest, url: URL): SpecCheckResult {
  const index = indexDiscovery(doc);
  const problems: string[] = [];
  if (url.origin !== index.base.origin) {
    return { ok: false, problems: [`host ${url.host} is not ${index.base.host} (${index.base.href})`] };
  }
  const relative = url.pathname.startsWith(index.base.pathname) ? url.pathname.slice(index.base.pathname.length) : undefined;
  const candidates: Array<{ method: DiscoveryMethod; params: Record<string, string>; specificity: number; upload: boolean }> = [];
  for (const method of index.methods) {
    for (const { compiled, upload } of method.templates) {
      const target = upload ? url.pathname : relative;
      if (target === undefined) continue;
      const params = matchPathTemplate(compiled, target);
      if (params) {
        candidates.push({ method, params, specificity: compiled.specificity, upload });
        break;
      }
    }
  }
  if (candidates.length === 0) return { ok: false, problems: [`no operation in the spec matches path ${url.pathname}`] };
  const httpMethod = request.method.toUpperCase();
  const sameMethod = candidates.filter((c) => c.method.httpMethod === httpMethod).sort((a, b) => b.specificity - a.specificity);
  const chosen = sameMethod[0];
  if (!chosen) {
    const allowed = [...new Set(candidates.map((c) => `${c.method.httpMethod} (${c.method.id})`))].join(', ');
    return { ok: false, problems: [`method ${httpMethod} is not defined for ${url.pathname}; the spec has ${allowed}`] };
  }
  const { method } = chosen;

  for (const [name, value] of Object.entries(chosen.params)) {
    const param = method.parameters[name];
    if (param) checkParamValue('path', name, value, param, problems);
  }
  const queryNames = new Set(url.searchParams.keys());
  for (const name of queryNames) {
    const param = method.parameters[name] ?? index.globalParameters[name];
    if (!param || param.location !== 'query') {
      const allowed = Object.entries(method.parameters).filter(([, p]) => p.location === 'query').map(([n]) => n);
      problems.push(`unknown query parameter "${name}" for ${method.id} (allowed: ${allowed.join(', ') || 'none besides the standard ones'})`);
      continue;
    }
    const values = url.searchParams.getAll(name);
    if (values.length > 1 && param.repeated !== true) problems.push(`query parameter "${name}" is repeated but the spec does not mark it repeated`);
    for (const value of values) checkParamValue('query', name, value, param, problems);
  }
  for (const [name, param] of Object.entries(method.parameters)) {
    if (param.required === true && param.location === 'query' && !queryNames.has(name)) problems.push(`missing required query parameter "${name}"`);
  }

  const hasBody = request.body !== undefined;
  if (chosen.upload && url.searchParams.get('uploadType') !== 'multipart') {
    // Media uploads carry the raw payload, not the JSON resource.
  } else if (method.request) {
    const body = chosen.upload ? multipartMetadata(request.body, request.contentType, problems) : request.body;
    if (!hasBody) problems.push(`missing request body (${method.request})`);
    else if (body !== undefined) checkValue({ $ref: method.request }, body, '', { ...index.schemaOptions, methodId: method.id }, problems);
  } else if (hasBody) {
    problems.push(`${method.id} takes no request body`);
  }
  return { ok: problems.length === 0, operation: method.id, problems };
}

/**
 * A multipart upload (`uploadType=multipart`) is `multipart/related`: its first part is the JSON
 * resource the method's request schema describes, the second the media. Returns that resource.
 */
function multipartMetadata(body: unknown, contentType: string | undefined, problems: string[]): unknown {
  if (typeof body !== 'string') return body;
  const boundary = /^multipart\/related\s*;.*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) {
    problems.push(`a multipart upload must be sent as multipart/related with a boundary, not ${contentType ?? 'without a content type'}`);
    return undefined;
  }
  const part = body.split(`--${boundary}`)[1] ?? '';
  const split = part.search(/\r?\n\r?\n/);
  const headers = split < 0 ? '' : part.slice(0, split);
  if (!/content-type:\s*application\/json/i.test(headers)) {
    problems.push('the first part of a multipart upload must be the JSON metadata (Content-Type: application/json)');
    return undefined;
  }
  try {
    return JSON.parse(part.slice(split).trim());
  } catch {
    problems.push('the metadata part of the multipart upload is not JSON');
    return undefined;
  }
}
