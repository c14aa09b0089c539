import { compilePathTemplate, matchPathTemplate, type PathTemplate } from './path-template.ts';
import { checkParamValue, checkValue, type SchemaCheckOptions } from './schema-check.ts';
import { toDescriptionPath, type ApiDescription } from './api-description.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/** OpenAPI 2 (Slack) and 3 (GitHub, Jira, Microsoft Graph): operations by path template and method. */

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** OpenAPI 3 `schema`, or the OpenAPI 2 parameter itself (type/enum/items live on it). */
  schema: Json;
}

interface Operation {
  method: string;
  operationId: string;
  path: string;
  compiled: PathTemplate;
  parameters: Parameter[];
  /** content type → schema (OpenAPI 3 requestBody, or an OpenAPI 2 `in: body` parameter as JSON). */
  bodies: Record<string, unknown>;
  bodyRequired: boolean;
  consumes: string[];
}

interface OpenApiIndex {
  operations: Operation[];
  schemaOptions: SchemaCheckOptions;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const indexes = new WeakMap<object, OpenApiIndex>();
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Resolves a local JSON pointer (`#/components/schemas/x`). */
export function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

function deref(doc: Json, value: unknown): Json | undefined {
  let node = value;
  for (let i = 0; i < 10 && isObject(node) && typeof node.$ref === 'string'; i++) node = resolvePointer(doc, node.$ref);
  return isObject(node) ? node : undefined;
}

function toParameter(doc: Json, raw: unknown): Parameter | undefined {
  const p = deref(doc, raw);
  if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') return undefined;
  const schema = p.schema !== undefined ? (deref(doc, p.schema) ?? {}) : p;
  return { name: p.name, in: p.in, required: p.required === true, schema };
}

function indexOpenApi(doc: Json, description: ApiDescription): OpenApiIndex {
  const cached = indexes.get(doc);
  if (cached) return cached;
  const operations: Operation[] = [];
  const globalConsumes = Array.isArray(doc.consumes) ? (doc.consumes as string[]) : [];
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = deref(doc, rawItem);
    if (!item) continue;
    const shared = (Array.isArray(item.parameters) ? item.parameters : []).map((p) => toParameter(doc, p)).filter((p): p is Parameter => p !== undefined);
    const compiled = compilePathTemplate(path, { optionalGraphNamespace: description.style === 'odata' });
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = (Array.isArray(op.parameters) ? op.parameters : []).map((p) => toParameter(doc, p)).filter((p): p is Parameter => p !== undefined);
      // Operation parameters override path-level ones with the same name and location.
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const bodies: Record<string, unknown> = {};
      let bodyRequired = false;
      const requestBody = deref(doc, op.requestBody);
      if (requestBody && isObject(requestBody.content)) {
        for (const [type, media] of Object.entries(requestBody.content)) bodies[type] = isObject(media) ? (media.schema ?? {}) : {};
        bodyRequired = requestBody.required === true;
      }
      const bodyParam = parameters.find((p) => p.in === 'body');
      if (bodyParam) {
        bodies['application/json'] = bodyParam.schema;
        bodyRequired = bodyParam.required;
      }
      operations.push({
        method: method.toUpperCase(),
        operationId: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`,
        path,
        compiled,
        parameters: parameters.filter((p) => p.in !== 'body'),
        bodies,
        bodyRequired,
        consumes: Array.isArray(op.consumes) ? (op.consumes as string[]) : globalConsumes,
      });
    }
  }
  const index: OpenApiIndex = {
    operations,
    schemaOptions: { resolveRef: (ref) => resolvePointer(doc, ref), lenientGraph: description.style === 'odata' },
  };
  indexes.set(doc, index);
  return index;
}

function pickBodySchema(op: Operation, contentType: string | undefined): unknown {
  const types = Object.keys(op.bodies);
  const wanted = contentType?.split(';')[0]?.trim().toLowerCase();
  const type = (wanted && types.find((t) => t.toLowerCase() === wanted))
    ?? types.find((t) => t === 'application/json')
    ?? types.find((t) => t.includes('json'))
    ?? types[0];
  return type === undefined ? undefined : op.bodies[type];
}

/** The query parameter a name refers to; OData also accepts its options without the `$`. */
function findQueryParameter(op: Operation, name: string, description: ApiDescription): Parameter | undefined {
  const locations = description.style === 'rpc' ? ['query', 'formData'] : ['query'];
  const inQuery = op.parameters.filter((p) => locations.includes(p.in));
  return inQuery.find((p) => p.name === name) ?? (description.style === 'odata' ? inQuery.find((p) => p.name.toLowerCase() === `$${name}`.toLowerCase() || p.name.toLowerCase() === name.toLowerCase()) : undefined);
}

/**
 * Graph addresses a drive item by path as well as by id (`/drive/root:/Docs/a.txt:/content`,
 * `/drive/items/{id}:/a.txt:`); the generated description lists only the id form, so a path
 * address stands for one `items/{driveItem-id}` segment. Encoded names cannot hold `:` or `/`.
 */
function withoutPathAddressing(path: string): string {
  return path.replace(/\/(?:root|items\/[^/:]+):\/[^:]*:(?=\/|$)/, '/items/path-addressed-item');
}

export function checkOpenApiRequest(doc: Json, description: ApiDescription, request: SpecCheckRequest, url: URL): SpecCheckResult {
  const index = indexOpenApi(doc, description);
  const rpc = description.style === 'rpc';
  const mapped = toDescriptionPath(description, url);
  if ('problem' in mapped) return { ok: false, problems: [mapped.problem] };
  const path = description.style === 'odata' ? withoutPathAddressing(mapped.path) : mapped.path;
  const candidates = index.operations
    .map((op) => ({ op, params: matchPathTemplate(op.compiled, path) }))
    .filter((c): c is { op: Operation; params: Record<string, string> } => c.params !== undefined);
  if (candidates.length === 0) return { ok: false, problems: [`no operation in the spec matches path ${path}`] };
  const httpMethod = request.method.toUpperCase();
  let sameMethod = candidates.filter((c) => c.op.method === httpMethod);
  // An RPC-style API (Slack's Web API) takes POST for every method, whatever verb the description lists.
  if (sameMethod.length === 0 && rpc && httpMethod === 'POST') sameMethod = candidates;
  sameMethod.sort((a, b) => b.op.compiled.specificity - a.op.compiled.specificity);
  const chosen = sameMethod[0];
  if (!chosen) {
    const allowed = [...new Set(candidates.map((c) => `${c.op.method} (${c.op.operationId})`))].join(', ');
    return { ok: false, problems: [`method ${httpMethod} is not defined for ${path}; the spec has ${allowed}`] };
  }
  const { op } = chosen;
  const problems: string[] = [];

  for (const [name, value] of Object.entries(chosen.params)) {
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    if (param) checkParamValue('path', name, value, param.schema, problems);
  }
  const seen = new Set<string>();
  for (const name of new Set(url.searchParams.keys())) {
    if (name === description.authArgument) continue; // the credential, sent as a header
    // Graph's instance annotations (`@microsoft.graph.conflictBehavior` on an upload) are
    // documented per operation but never in the generated description.
    if (description.style === 'odata' && name.startsWith('@microsoft.graph.')) continue;
    const param = findQueryParameter(op, name, description);
    if (!param) {
      const allowed = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      problems.push(`unknown query parameter "${name}" for ${op.operationId} (allowed: ${allowed.join(', ') || 'none'})`);
      continue;
    }
    seen.add(param.name);
    const values = url.searchParams.getAll(name);
    // RPC booleans also come as `1`/`0`, so only their presence is checked.
    const schema = rpc && param.schema.type === 'boolean' ? { ...param.schema, type: undefined } : param.schema;
    for (const value of values) checkParamValue('query', name, value, schema, problems);
  }

  if (rpc) {
    checkRpcArguments(op, request, seen, description.authArgument, problems);
  } else {
    for (const param of op.parameters) {
      if (param.required && param.in === 'query' && !seen.has(param.name)) problems.push(`missing required query parameter "${param.name}"`);
    }
    const schema = pickBodySchema(op, request.contentType);
    if (request.body !== undefined) {
      if (schema === undefined) problems.push(`${op.operationId} takes no request body`);
      else checkValue(schema, request.body, '', index.schemaOptions, problems);
    } else if (op.bodyRequired) {
      problems.push(`missing request body for ${op.operationId}`);
    }
  }
  return { ok: problems.length === 0, operation: op.operationId, problems };
}

/**
 * RPC methods (Slack's) take the same named arguments as query parameters, form fields or (for
 * methods that accept JSON) JSON body fields; the auth argument is the Authorization header.
 */
function checkRpcArguments(op: Operation, request: SpecCheckRequest, seen: Set<string>, authArgument: string | undefined, problems: string[]): void {
  const args = op.parameters.filter((p) => p.in === 'formData' || p.in === 'query');
  const body = isObject(request.body) ? request.body : undefined;
  if (request.body !== undefined && !body) problems.push(`${op.operationId} arguments must be form fields or a JSON object`);
  const json = request.contentType ? /json/i.test(request.contentType) : Object.values(body ?? {}).some((v) => typeof v !== 'string');
  if (body && json && !op.consumes.includes('application/json')) {
    problems.push(`${op.operationId} does not accept JSON bodies (it accepts ${op.consumes.join(', ') || 'query parameters'})`);
  }
  for (const [name, value] of Object.entries(body ?? {})) {
    if (name === authArgument) continue;
    const param = args.find((p) => p.name === name);
    if (!param) {
      problems.push(`unknown argument "${name}" for ${op.operationId} (allowed: ${args.map((p) => p.name).filter((n) => n !== authArgument).join(', ')})`);
      continue;
    }
    seen.add(name);
    // Form values are strings; JSON ones may be booleans, numbers or (blocks) arrays, so only enums are checked.
    if (typeof value === 'string' && Array.isArray(param.schema.enum)) checkParamValue('query', name, value, { enum: param.schema.enum }, problems);
  }
  for (const param of args) {
    if (param.required && param.name !== authArgument && !seen.has(param.name)) problems.push(`missing required argument "${param.name}"`);
  }
}
