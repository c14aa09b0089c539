import { isFreeForm, isObject, recordOf, resolveNode, withHint, withoutNull, type JsonSchema } from './schema-node.ts';

/** Gemini's `Type` values (the same strings `@google/genai`'s `Type` enum holds). */
export type GeminiType = 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN' | 'ARRAY' | 'OBJECT' | 'NULL';

/**
 * The OpenAPI subset Gemini's `FunctionDeclaration.parameters` takes, as Google's JSON mapping
 * writes it (int64 counts as strings). `@onbehalf/google-genai` hands it over as `@google/genai`'s `Schema`.
 */
export interface GeminiSchema {
  type?: GeminiType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: string;
  maxItems?: string;
  minLength?: string;
  maxLength?: string;
  minProperties?: string;
  maxProperties?: string;
  items?: GeminiSchema;
  anyOf?: GeminiSchema[];
  properties?: Record<string, GeminiSchema>;
  required?: string[];
}

const TYPES: Record<string, GeminiType> = { string: 'STRING', number: 'NUMBER', integer: 'INTEGER', boolean: 'BOOLEAN', array: 'ARRAY', object: 'OBJECT' };

// The Gemini API refuses other formats ("only 'enum' and 'date-time' are supported for STRING
// type"); Vertex is more lenient, so the strict list is the one both accept.
const FORMATS: Partial<Record<GeminiType, string[]>> = { STRING: ['enum', 'date-time'], NUMBER: ['float', 'double'], INTEGER: ['int32', 'int64'] };
const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const;

/**
 * JSON Schema → Gemini's schema subset: an object at the top, no `$schema`, `$ref`, `allOf`,
 * `const` or `additionalProperties`; `T | null` as `nullable`; string enums only (other values
 * move into the description, the type stays); exclusive bounds as inclusive ones. A map becomes a
 * list of `{ key, value }` pairs and a value of any shape a string holding JSON, as in the
 * OpenAI dialect; `fromDialectInput` maps both back.
 */
export function toGeminiSchema(schema: JsonSchema): GeminiSchema {
  const root = resolveNode(schema, schema).node;
  return objectSchema(root, schema, []);
}

function convert(input: JsonSchema, root: JsonSchema, seen: readonly string[]): GeminiSchema {
  const { node, seen: refs, recursive } = resolveNode(input, root, seen);
  if (recursive || isFreeForm(node)) return { type: 'STRING', description: withHint(node.description, 'a JSON value, as a string') };
  const record = recordOf(node);
  if (record) {
    const pair = objectSchema({ type: 'object', properties: { key: record.key, value: record.value }, required: ['key', 'value'] }, root, refs);
    return { type: 'ARRAY', items: pair, description: withHint(node.description, 'a list of key/value pairs'), ...(typeof node.maxProperties === 'number' ? { maxItems: String(node.maxProperties) } : {}) };
  }
  const split = withoutNull(node);
  if (split.branches.length === 1 && split.branches[0] === node) return plain(node, root, refs);
  if (split.branches.length === 0) return { type: 'STRING', nullable: true, ...(typeof node.description === 'string' ? { description: node.description } : {}) };
  const branches = split.branches.map((branch) => convert(branch, root, refs));
  const out: GeminiSchema = branches.length === 1 ? branches[0]! : { anyOf: flatten(branches), ...(typeof node.description === 'string' ? { description: node.description } : {}) };
  if (branches.length > 1) for (const branch of out.anyOf!) delete branch.description;
  return split.nullable ? { ...out, nullable: true } : out;
}

/** `anyOf` inside `anyOf` (a nullable union of unions) is one union. */
const flatten = (branches: GeminiSchema[]): GeminiSchema[] => branches.flatMap((b) => (b.anyOf && b.type === undefined ? flatten(b.anyOf) : [b]));

function plain(node: JsonSchema, root: JsonSchema, seen: readonly string[]): GeminiSchema {
  if (node.type === 'object') return objectSchema(node, root, seen);
  const out: GeminiSchema = {};
  let description = typeof node.description === 'string' ? node.description : undefined;
  if (typeof node.type === 'string' && TYPES[node.type]) out.type = TYPES[node.type];
  const values = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (values && values.length > 0) {
    if (values.every((v) => typeof v === 'string')) {
      out.enum = values as string[];
      out.type ??= 'STRING';
    } else {
      description = withHint(description, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  }
  if (typeof node.format === 'string') {
    if (out.type && FORMATS[out.type]?.includes(node.format)) out.format = node.format;
    else description = withHint(description, `format: ${node.format}`);
  }
  if (typeof node.title === 'string') out.title = node.title;
  if (node.default !== undefined) out.default = node.default;
  if (typeof node.pattern === 'string') out.pattern = node.pattern;
  const integer = out.type === 'INTEGER';
  if (typeof node.minimum === 'number') out.minimum = node.minimum;
  else if (typeof node.exclusiveMinimum === 'number') out.minimum = integer ? Math.floor(node.exclusiveMinimum) + 1 : node.exclusiveMinimum;
  if (typeof node.maximum === 'number') out.maximum = node.maximum;
  else if (typeof node.exclusiveMaximum === 'number') out.maximum = integer ? Math.ceil(node.exclusiveMaximum) - 1 : node.exclusiveMaximum;
  // int64 counts travel as strings in Google's JSON mapping.
  for (const key of COUNTS) if (typeof node[key] === 'number') out[key] = String(node[key]);
  if (out.type === 'ARRAY') out.items = isObject(node.items) ? convert(node.items, root, seen) : { type: 'STRING', description: 'a JSON value, as a string' };
  if (description !== undefined) out.description = description;
  return out;
}

function objectSchema(node: JsonSchema, root: JsonSchema, seen: readonly string[]): GeminiSchema {
  const out: GeminiSchema = { type: 'OBJECT' };
  const properties: Record<string, GeminiSchema> = {};
  for (const [name, property] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    if (isObject(property)) properties[name] = convert(property, root, seen);
  }
  if (Object.keys(properties).length > 0) {
    out.properties = properties;
    const required = Array.isArray(node.required) ? node.required.filter((name): name is string => typeof name === 'string' && name in properties) : [];
    if (required.length > 0) out.required = required;
  }
  if (typeof node.description === 'string') out.description = node.description;
  return out;
}
