import { Type, type Schema } from '@google/genai';

type JsonSchema = Record<string, unknown>;

const TYPES: Record<string, Type> = {
  string: Type.STRING,
  number: Type.NUMBER,
  integer: Type.INTEGER,
  boolean: Type.BOOLEAN,
  array: Type.ARRAY,
  object: Type.OBJECT,
};

// The Gemini API refuses other formats ("only 'enum' and 'date-time' are supported for STRING
// type"); Vertex is more lenient, so the strict list is the one both accept.
const FORMATS: Partial<Record<Type, string[]>> = {
  [Type.STRING]: ['enum', 'date-time'],
  [Type.NUMBER]: ['float', 'double'],
  [Type.INTEGER]: ['int32', 'int64'],
};

const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const;

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const appendHint = (description: string | undefined, hint: string) => (description ? `${description} (${hint})` : hint);

/**
 * JSON Schema → the OpenAPI subset of `Schema` that `FunctionDeclaration.parameters` takes on
 * both the Gemini API and Vertex AI. Keywords Gemini has no place for are dropped (`$schema`,
 * `additionalProperties`, `$defs`, …); `$ref`s are inlined; `null` in a type or union becomes
 * `nullable`; exclusive bounds become inclusive ones (onbehalf still validates the exact input);
 * what only a description can carry (a string format, non-string enum values) is added to it.
 */
export function toGeminiSchema(schema: JsonSchema): Schema {
  return convert(schema, schema, []);
}

function convert(input: JsonSchema, root: JsonSchema, refs: string[]): Schema {
  let node = input;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    const { $ref: _ref, ...siblings } = node;
    // A recursive schema cannot be inlined: its inner occurrence stays a plain object.
    if (refs.includes(ref)) return { type: Type.OBJECT, ...(typeof siblings.description === 'string' ? { description: siblings.description } : {}) };
    return convert({ ...resolve(root, ref), ...siblings }, root, [...refs, ref]);
  }
  if (Array.isArray(node.allOf)) node = mergeAllOf(node, root);

  const out: Schema = {};
  let description = typeof node.description === 'string' ? node.description : undefined;

  const types = (Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type]) as string[];
  const variants = ((node.anyOf ?? node.oneOf) as unknown[] | undefined)?.filter(isObject);
  const isNull = (v: JsonSchema) => v.type === 'null';
  if (types.includes('null') || variants?.some(isNull)) out.nullable = true;
  const nonNullTypes = types.filter((t) => t !== 'null');
  const nonNullVariants = variants?.filter((v) => !isNull(v));

  if (nonNullVariants && nonNullVariants.length === 1) {
    // `T | null` is Gemini's nullable T; the outer keywords (description) win over the inner ones.
    const { anyOf: _a, oneOf: _o, ...outer } = node;
    const inner = convert(nonNullVariants[0]!, root, refs);
    const rest = convert(outer, root, refs);
    return { ...inner, ...rest, ...(out.nullable ? { nullable: true } : {}) };
  }
  if (nonNullVariants && nonNullVariants.length > 1) out.anyOf = nonNullVariants.map((v) => convert(v, root, refs));
  else if (nonNullTypes.length > 1) out.anyOf = nonNullTypes.map((t) => convert({ ...node, type: t, description: undefined }, root, refs));
  else if (nonNullTypes[0] && TYPES[nonNullTypes[0]]) out.type = TYPES[nonNullTypes[0]];

  const values = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum.filter((v) => v !== null) : undefined;
  if (values && values.length > 0) {
    if (values.every((v) => typeof v === 'string')) {
      out.enum = values as string[];
      out.type ??= Type.STRING;
    } else {
      description = appendHint(description, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  }

  if (typeof node.format === 'string') {
    if (out.type && FORMATS[out.type]?.includes(node.format)) out.format = node.format;
    else description = appendHint(description, `format: ${node.format}`);
  }
  if (typeof node.title === 'string') out.title = node.title;
  if (node.default !== undefined) out.default = node.default;
  if (typeof node.pattern === 'string') out.pattern = node.pattern;
  const minimum = typeof node.minimum === 'number' ? node.minimum : node.exclusiveMinimum;
  const maximum = typeof node.maximum === 'number' ? node.maximum : node.exclusiveMaximum;
  if (typeof minimum === 'number') out.minimum = minimum;
  if (typeof maximum === 'number') out.maximum = maximum;
  // int64 counts travel as strings in Google's JSON mapping.
  for (const key of COUNTS) if (typeof node[key] === 'number') out[key] = String(node[key]);

  if (isObject(node.items)) out.items = convert(node.items, root, refs);
  else if (Array.isArray(node.prefixItems)) out.items = { anyOf: node.prefixItems.filter(isObject).map((item) => convert(item, root, refs)) };

  if (isObject(node.properties)) {
    out.properties = {};
    for (const [name, property] of Object.entries(node.properties)) {
      if (isObject(property)) out.properties[name] = convert(property, root, refs);
    }
    const required = Array.isArray(node.required) ? node.required.filter((name): name is string => typeof name === 'string' && name in out.properties!) : [];
    if (required.length > 0) out.required = required;
  }
  if (description !== undefined) out.description = description;
  return out;
}

/** `#/$defs/Name` (or any JSON pointer into the root schema). */
function resolve(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#')) throw new Error(`Cannot inline the external schema reference '${ref}'.`);
  let target: unknown = root;
  for (const segment of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
    target = isObject(target) ? target[key] : undefined;
  }
  if (!isObject(target)) throw new Error(`Schema reference '${ref}' does not resolve.`);
  return target;
}

/** zod intersections come out as `allOf`; Gemini has no such keyword, so the parts are merged. */
function mergeAllOf(node: JsonSchema, root: JsonSchema): JsonSchema {
  const { allOf, ...rest } = node;
  const parts = (allOf as unknown[]).filter(isObject).map((part) => {
    if (typeof part.$ref !== 'string') return part;
    const { $ref, ...siblings } = part;
    return { ...resolve(root, $ref), ...siblings };
  });
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
