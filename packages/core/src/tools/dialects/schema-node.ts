// The JSON Schema shapes the dialects rewrite, recognised in one place: the converters and the
// input mapping must agree on them exactly, or an input would come back in the wrong form.

export type JsonSchema = Record<string, unknown>;

/** Which form of a tool's input schema a model is shown. */
export type SchemaDialect = 'json-schema' | 'openai-strict' | 'gemini';

export const SCHEMA_DIALECTS: readonly SchemaDialect[] = ['json-schema', 'openai-strict', 'gemini'];

export const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The word an optional-and-nullable property takes, in a dialect where null means "left out", to mean null. */
export const CLEAR = 'CLEAR';

/** `$ref` inlined and `allOf` merged: the node the converters and the mapping both look at. */
export function resolveNode(node: JsonSchema, root: JsonSchema, seen: readonly string[] = []): { node: JsonSchema; seen: readonly string[]; recursive: boolean } {
  let current = node;
  let refs = seen;
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    const { $ref: _ref, ...siblings } = current;
    // A recursive schema cannot be inlined for ever: its inner occurrence becomes free-form.
    if (refs.includes(ref)) return { node: siblings, seen: refs, recursive: true };
    current = { ...resolvePointer(root, ref), ...siblings };
    refs = [...refs, ref];
  }
  if (Array.isArray(current.allOf)) current = mergeAllOf(current, root);
  return { node: current, seen: refs, recursive: false };
}

/** `#/$defs/Name` (or any JSON pointer into the root schema). */
function resolvePointer(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`Cannot inline the external schema reference '${ref}'.`);
  let target: unknown = root;
  for (const segment of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isObject(target) ? target[key] : undefined;
  }
  if (!isObject(target)) throw new Error(`Schema reference '${ref}' does not resolve.`);
  return target;
}

/** zod intersections come out as `allOf` of objects: neither dialect takes it, so the parts are merged. */
function mergeAllOf(node: JsonSchema, root: JsonSchema): JsonSchema {
  const { allOf, ...rest } = node;
  const parts = (allOf as unknown[]).filter(isObject).map((part) => resolveNode(part, root).node);
  const merged: JsonSchema = {};
  const properties: JsonSchema = {};
  const required = new Set<string>();
  for (const part of [...parts, rest]) {
    Object.assign(merged, part);
    if (isObject(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const name of part.required) required.add(String(name));
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

const SHAPE_KEYWORDS = ['type', 'anyOf', 'oneOf', 'enum', 'const', 'properties', 'items', 'prefixItems', 'additionalProperties', 'not'];

/**
 * Any JSON value (`z.unknown()`, `z.any()`, an object of anything): neither dialect can say "any",
 * so it travels as a string holding JSON.
 */
export function isFreeForm(node: JsonSchema): boolean {
  if (!SHAPE_KEYWORDS.some((key) => node[key] !== undefined)) return true;
  // `{ type: 'object' }` or a record of anything: keys and values both unknown.
  if (node.type === 'object' && !hasProperties(node)) {
    const values = node.additionalProperties;
    return values === undefined || values === true || (isObject(values) && isFreeForm(values));
  }
  return false;
}

const hasProperties = (node: JsonSchema) => isObject(node.properties) && Object.keys(node.properties).length > 0;

/** A map (`z.record(K, V)` with a known V): both dialects list it as `[{ key, value }]` pairs. */
export function recordOf(node: JsonSchema): { key: JsonSchema; value: JsonSchema } | undefined {
  if (node.type !== 'object' || hasProperties(node) || !isObject(node.additionalProperties) || isFreeForm(node)) return undefined;
  return { key: isObject(node.propertyNames) ? node.propertyNames : { type: 'string' }, value: node.additionalProperties };
}

/** `T | null` pieces: the union's branches (or the single node) with `null` taken out. */
export function withoutNull(node: JsonSchema): { nullable: boolean; branches: JsonSchema[] } {
  const types = Array.isArray(node.type) ? (node.type as unknown[]) : undefined;
  const variants = ((node.anyOf ?? node.oneOf) as unknown[] | undefined)?.filter(isObject);
  if (variants) {
    const { anyOf: _a, oneOf: _o, ...outer } = node;
    const nonNull = variants.filter((v) => v.type !== 'null');
    // Outer keywords (a description) stay with each branch, so nothing the model should read is lost.
    return { nullable: nonNull.length < variants.length, branches: nonNull.map((v) => ({ ...v, ...annotations(outer) })) };
  }
  if (types) {
    const nonNull = types.filter((t) => t !== 'null');
    const nullable = nonNull.length < types.length;
    if (nonNull.length === 1) return { nullable, branches: [{ ...node, type: nonNull[0] }] };
    return { nullable, branches: nonNull.map((t) => ({ ...node, type: t })) };
  }
  if (node.type === 'null') return { nullable: true, branches: [] };
  if (Array.isArray(node.enum) && node.enum.includes(null)) {
    return { nullable: true, branches: [{ ...node, enum: node.enum.filter((v) => v !== null) }] };
  }
  return { nullable: false, branches: [node] };
}

/** Whether a node accepts null at all (then null is a value, not an omission). */
export function acceptsNull(node: JsonSchema, root: JsonSchema): boolean {
  const { node: resolved } = resolveNode(node, root);
  return withoutNull(resolved).nullable || isFreeForm(resolved);
}

function annotations(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  if (typeof node.description === 'string') out.description = node.description;
  if (typeof node.title === 'string') out.title = node.title;
  return out;
}

/** Appends a hint to a description: what a dialect cannot say as a keyword, the model still reads. */
export const withHint = (description: unknown, hint: string): string => (typeof description === 'string' && description !== '' ? `${description} (${hint})` : hint);
