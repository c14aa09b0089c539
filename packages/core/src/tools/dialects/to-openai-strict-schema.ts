import { CLEAR, acceptsNull, isFreeForm, isObject, recordOf, resolveNode, withHint, withoutNull, type JsonSchema } from './schema-node.ts';

// OpenAI's strict function calling ("Structured Outputs") decodes the arguments against the schema,
// so it takes only what it can enforce: every property required, `additionalProperties: false` on
// every object, and a short list of keywords. What it cannot enforce moves into the description;
// onbehalf still validates the mapped-back input with the tool's own zod schema.

/** The string formats OpenAI's structured outputs documents as supported. */
const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const KEPT_NUMBER = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;

/**
 * A tool's JSON Schema in OpenAI's strict form. An optional property becomes required and
 * nullable (null = left out); one that was optional *and* nullable also takes the string
 * "CLEAR" for null. A map becomes a list of `{ key, value }` pairs, a value of any shape a
 * string holding JSON. `fromDialectInput` undoes all of it.
 */
export function toOpenAIStrictSchema(schema: JsonSchema): JsonSchema & { type: 'object' } {
  const root = resolveNode(schema, schema).node;
  return objectSchema(root, schema, []) as JsonSchema & { type: 'object' };
}

function convert(input: JsonSchema, root: JsonSchema, seen: readonly string[]): JsonSchema {
  const { node, seen: refs, recursive } = resolveNode(input, root, seen);
  if (recursive || isFreeForm(node)) return { type: 'string', description: withHint(node.description, 'a JSON value, as a string') };
  const record = recordOf(node);
  if (record) {
    const pair = objectSchema({ type: 'object', properties: { key: record.key, value: record.value }, required: ['key', 'value'] }, root, refs);
    const out: JsonSchema = { type: 'array', items: pair, description: withHint(node.description, 'a list of key/value pairs') };
    if (typeof node.maxProperties === 'number') out.maxItems = node.maxProperties;
    return out;
  }
  const split = withoutNull(node);
  if (split.branches.length === 1 && split.branches[0] === node) return plain(node, root, refs);
  if (split.branches.length === 0) return { type: 'null', ...(typeof node.description === 'string' ? { description: node.description } : {}) };
  const branches = split.branches.map((branch) => convert(branch, root, refs));
  if (branches.length === 1) return split.nullable ? nullable(branches[0]!) : branches[0]!;
  const description = typeof node.description === 'string' ? node.description : undefined;
  const anyOf = branches.map(({ description: _d, ...rest }) => rest);
  return { anyOf: split.nullable ? [...anyOf, { type: 'null' }] : anyOf, ...(description !== undefined ? { description } : {}) };
}

function plain(node: JsonSchema, root: JsonSchema, seen: readonly string[]): JsonSchema {
  if (node.type === 'object') return objectSchema(node, root, seen);
  const out: JsonSchema = {};
  let description = node.description;
  if (typeof node.type === 'string') out.type = node.type;
  if (node.const !== undefined) out.enum = [node.const];
  else if (Array.isArray(node.enum)) out.enum = [...node.enum];
  if (out.type === undefined && Array.isArray(out.enum) && out.enum.every((v) => typeof v === 'string')) out.type = 'string';
  if (typeof node.pattern === 'string') out.pattern = node.pattern;
  if (typeof node.format === 'string') {
    if (FORMATS.has(node.format)) out.format = node.format;
    else description = withHint(description, `format: ${node.format}`);
  }
  if (typeof node.minLength === 'number' && node.minLength > 0) description = withHint(description, `at least ${node.minLength} characters`);
  if (typeof node.maxLength === 'number') description = withHint(description, `at most ${node.maxLength} characters`);
  for (const key of KEPT_NUMBER) if (typeof node[key] === 'number') out[key] = node[key];
  if (node.type === 'array') {
    out.items = isObject(node.items) ? convert(node.items, root, seen) : { type: 'string', description: 'a JSON value, as a string' };
    if (typeof node.minItems === 'number') out.minItems = node.minItems;
    if (typeof node.maxItems === 'number') out.maxItems = node.maxItems;
    if (node.uniqueItems === true) description = withHint(description, 'no duplicates');
  }
  if (node.default !== undefined) description = withHint(description, `default ${JSON.stringify(node.default)}`);
  if (typeof node.title === 'string') out.title = node.title;
  if (typeof description === 'string') out.description = description;
  return out;
}

function objectSchema(node: JsonSchema, root: JsonSchema, seen: readonly string[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  for (const [name, property] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    if (!isObject(property)) continue;
    const converted = convert(property, root, seen);
    if (required.has(name)) properties[name] = converted;
    else if (acceptsNull(property, root)) properties[name] = clearable(converted);
    else properties[name] = nullable({ ...converted, description: withHint(converted.description, 'null to leave it out') });
  }
  const out: JsonSchema = { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
  if (typeof node.description === 'string') out.description = node.description;
  return out;
}

/** `T` → `T | null`, in the shortest form strict mode takes. */
function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((b) => isObject(b) && b.type === 'null') ? schema : { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  if (Array.isArray(schema.type) && schema.type.includes('null')) return schema;
  if (typeof schema.type === 'string') {
    if (schema.type === 'null') return schema;
    return { ...schema, type: [schema.type, 'null'], ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}) };
  }
  const { description, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }], ...(description !== undefined ? { description } : {}) };
}

/** An optional property that takes null as a value: null still means "left out", "CLEAR" means null. */
function clearable(schema: JsonSchema): JsonSchema {
  const { description, ...rest } = nullable(schema);
  const branches = Array.isArray(rest.anyOf) ? (rest.anyOf as JsonSchema[]) : [rest];
  return { anyOf: [...branches, { type: 'string', enum: [CLEAR] }], description: withHint(description, `null to leave it out, "${CLEAR}" to set it to null`) };
}
