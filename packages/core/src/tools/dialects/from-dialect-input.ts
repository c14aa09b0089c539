import { CLEAR, acceptsNull, isFreeForm, isObject, recordOf, resolveNode, withoutNull, type JsonSchema, type SchemaDialect } from './schema-node.ts';

/**
 * A model's input written against a dialect's schema, put back into the shape of the tool's own
 * JSON Schema before zod validates it: null for a left-out optional property is dropped ("CLEAR"
 * becomes null where the property takes null), `[{ key, value }]` pairs become a map, a string
 * holding JSON for a value of any shape is parsed. Anything else passes unchanged, so zod still
 * has the last word on what is valid.
 */
export function fromDialectInput(schema: JsonSchema, dialect: SchemaDialect, input: unknown): unknown {
  if (dialect === 'json-schema') return input;
  return objectValue(resolveNode(schema, schema).node, schema, dialect, input);
}

function restore(input: JsonSchema, root: JsonSchema, dialect: SchemaDialect, value: unknown): unknown {
  const { node, recursive } = resolveNode(input, root);
  if (recursive || isFreeForm(node)) return typeof value === 'string' ? parseJson(value) : value;
  const record = recordOf(node);
  if (record) {
    if (!Array.isArray(value)) return value;
    // A pair that is not one stays as it is in the list, so zod reports the list as malformed.
    if (!value.every((pair) => isObject(pair) && typeof pair.key === 'string')) return value;
    return Object.fromEntries(value.map((pair: JsonSchema) => [pair.key, restore(record.value, root, dialect, pair.value)]));
  }
  if (value === null) return null;
  const split = withoutNull(node);
  if (split.branches.length === 1 && split.branches[0] === node) {
    if (node.type === 'object') return objectValue(node, root, dialect, value);
    if (node.type === 'array' && isObject(node.items) && Array.isArray(value)) return value.map((item) => restore(node.items as JsonSchema, root, dialect, item));
    return value;
  }
  const branch = split.branches.find((b) => kindOf(b, root) === kindOfValue(value));
  return branch ? restore(branch, root, dialect, value) : value;
}

function objectValue(node: JsonSchema, root: JsonSchema, dialect: SchemaDialect, value: unknown): unknown {
  if (!isObject(value) || !isObject(node.properties)) return value;
  const properties = node.properties;
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const property = properties[name];
    if (!isObject(property)) {
      out[name] = item;
      continue;
    }
    const optional = !required.has(name);
    if (optional && item === null) continue;
    if (optional && dialect === 'openai-strict' && item === CLEAR && acceptsNull(property, root)) {
      out[name] = null;
      continue;
    }
    out[name] = restore(property, root, dialect, item);
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON after all: the text itself goes on, and zod says what it expected.
    return text;
  }
}

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'other';

/** What a union branch looks like in the dialect's form, to tell which branch a value was written for. */
function kindOf(input: JsonSchema, root: JsonSchema): Kind {
  const { node, recursive } = resolveNode(input, root);
  if (recursive || isFreeForm(node)) return 'string';
  if (recordOf(node)) return 'array';
  const type = node.type ?? (Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string') ? 'string' : typeof node.const === 'string' ? 'string' : undefined);
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string' || type === 'boolean' || type === 'array' || type === 'object') return type;
  return 'other';
}

function kindOfValue(value: unknown): Kind {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value === value ? (typeof value as Kind) : 'other';
  return isObject(value) ? 'object' : 'other';
}
