/** Checks a JSON value against a JSON-Schema-like description from an API spec, collecting problems. */

type Schema = Record<string, unknown>;

export interface SchemaCheckOptions {
  /** Resolves a `$ref` (`#/components/schemas/X` or a Discovery schema id). */
  resolveRef: (ref: string) => unknown;
  /** Discovery: int64 fields are strings that also accept JSON numbers; `annotations.required` names methods. */
  discovery?: boolean;
  /** Discovery method id whose `annotations.required` fields must be present. */
  methodId?: string;
  /** Graph: property names are case-insensitive, `@odata.*` keys are always allowed and `additionalProperties: {type: object}` is boilerplate. */
  lenientGraph?: boolean;
}

const MAX_DEPTH = 24;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
}

/** Follows `$ref`s and merges `allOf` into one schema (properties, required, first type/enum win). */
export function flattenSchema(schema: unknown, options: SchemaCheckOptions, seen: Set<string> = new Set()): Schema | undefined {
  if (!isObject(schema)) return undefined;
  let current: Schema = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (seen.has(ref) || hops > MAX_DEPTH) return {};
    seen.add(ref);
    const target = options.resolveRef(ref);
    if (!isObject(target)) return {};
    // Sibling keywords next to a $ref (OpenAPI 3.1 style) are kept on top of the target.
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  if (!Array.isArray(current.allOf)) return current;
  const merged: Schema = { ...current };
  delete merged.allOf;
  const properties: Record<string, unknown> = { ...(isObject(current.properties) ? current.properties : {}) };
  const required = new Set<string>(Array.isArray(current.required) ? (current.required as string[]) : []);
  for (const part of current.allOf) {
    const flat = flattenSchema(part, options, new Set(seen));
    if (!flat) continue;
    if (isObject(flat.properties)) Object.assign(properties, flat.properties);
    if (Array.isArray(flat.required)) for (const name of flat.required as string[]) required.add(name);
    for (const key of ['type', 'enum', 'items', 'additionalProperties', 'oneOf', 'anyOf', 'format', 'nullable'] as const) {
      if (merged[key] === undefined && flat[key] !== undefined) merged[key] = flat[key];
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}

/** True when a `oneOf`/`anyOf` variant only adds constraints (e.g. `{ required: ['a'] }`) rather than a shape. */
function constraintOnly(variant: unknown, options: SchemaCheckOptions): boolean {
  const flat = flattenSchema(variant, options);
  return !flat || (flat.type === undefined && flat.properties === undefined && flat.items === undefined && flat.enum === undefined && flat.oneOf === undefined && flat.anyOf === undefined);
}

function typeMatches(type: string, value: unknown, schema: Schema, options: SchemaCheckOptions): boolean {
  switch (type) {
    case 'string':
      // Discovery int64/uint64/double-as-string fields accept JSON numbers too.
      return typeof value === 'string' || (options.discovery === true && typeof value === 'number' && typeof schema.format === 'string');
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return true; // Discovery `any`
  }
}

export function checkValue(schema: unknown, value: unknown, path: string, options: SchemaCheckOptions, problems: string[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const s = flattenSchema(schema, options);
  // null means "unset" to every API here; no spec below marks nullability consistently enough to flag it.
  if (!s || value === null || value === undefined) return;
  const label = path || 'body';

  const variants = [...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])];
  if (variants.length > 0 && !variants.every((v) => constraintOnly(v, options))) {
    const { oneOf: _o, anyOf: _a, ...base } = s;
    let best: { problems: string[]; score: number } | undefined;
    for (const variant of variants) {
      const flat = flattenSchema(variant, options) ?? {};
      const combined: Schema = { ...base, ...flat };
      if (isObject(base.properties) && isObject(flat.properties)) combined.properties = { ...base.properties, ...flat.properties };
      const attempt: string[] = [];
      checkValue(combined, value, path, options, attempt, depth + 1);
      if (attempt.length === 0) return;
      // Report against the variant of the value's own type: "unknown field" beats "should be string".
      const variantTypes = Array.isArray(combined.type) ? (combined.type as string[]) : typeof combined.type === 'string' ? [combined.type] : [];
      const typeMismatch = variantTypes.length > 0 && !variantTypes.some((t) => typeMatches(t, value, combined, options));
      const score = attempt.length + (typeMismatch ? 1000 : 0);
      if (!best || score < best.score) best = { problems: attempt, score };
    }
    problems.push(...(best?.problems ?? []));
    return;
  }

  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length > 0 && !types.some((t) => typeMatches(t, value, s, options))) {
    problems.push(`body field "${label}" should be ${types.join(' or ')}, got ${describe(value)}`);
    return;
  }
  // Graph matches enum members case-insensitively (`"Text"` and `"text"` both work).
  const inEnum = (e: unknown[]) => e.includes(value) || (options.lenientGraph === true && typeof value === 'string' && e.some((m) => typeof m === 'string' && m.toLowerCase() === value.toLowerCase()));
  if (Array.isArray(s.enum) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && !inEnum(s.enum)) {
    problems.push(`body field "${label}" is ${JSON.stringify(value)}, not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (Array.isArray(value)) {
    if (s.items !== undefined) value.forEach((item, i) => checkValue(s.items, item, `${path}[${i}]`, options, problems, depth + 1));
    return;
  }
  if (isObject(value)) checkObject(s, value, path, options, problems, depth);
}

function checkObject(s: Schema, value: Record<string, unknown>, path: string, options: SchemaCheckOptions, problems: string[], depth: number): void {
  const properties = isObject(s.properties) ? s.properties : {};
  const names = Object.keys(properties);
  const byLowerName = new Map(names.map((n) => [n.toLowerCase(), n]));
  const additional = s.additionalProperties;
  const genericAdditional = options.lenientGraph === true && isObject(additional) && additional.type === 'object' && additional.properties === undefined;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, child] of Object.entries(value)) {
    const name = Object.hasOwn(properties, key) ? key : options.lenientGraph ? byLowerName.get(key.toLowerCase()) : undefined;
    if (name !== undefined) {
      checkValue(properties[name], child, at(key), options, problems, depth + 1);
    } else if (options.lenientGraph && key.startsWith('@odata.')) {
      continue;
    } else if (isObject(additional) && !genericAdditional) {
      checkValue(additional, child, at(key), options, problems, depth + 1);
    } else if (additional === true || (names.length === 0 && additional === undefined) || (genericAdditional && names.length === 0)) {
      continue; // a free-form object or an explicit map
    } else {
      problems.push(`unknown body field "${at(key)}"`);
    }
  }
  const present = new Set(Object.keys(value).map((k) => (options.lenientGraph ? k.toLowerCase() : k)));
  const has = (name: string) => present.has(options.lenientGraph ? name.toLowerCase() : name);
  for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
    if (!has(name)) problems.push(`missing required body field "${at(name)}"`);
  }
  if (options.discovery && options.methodId) {
    for (const [name, prop] of Object.entries(properties)) {
      const required = isObject(prop) && isObject(prop.annotations) && Array.isArray(prop.annotations.required) ? prop.annotations.required : [];
      if (required.includes(options.methodId) && !has(name)) problems.push(`missing required body field "${at(name)}" (required by ${options.methodId})`);
    }
  }
}

/** Checks one query or path parameter value (always a string on the wire) against its schema. */
export function checkParamValue(kind: 'query' | 'path', name: string, raw: string, schema: Schema, problems: string[]): void {
  const label = `${kind} parameter "${name}"`;
  const type = schema.type;
  if (type === 'array') {
    const items = isObject(schema.items) ? schema.items : {};
    for (const part of raw.split(',')) checkParamValue(kind, name, part.trim(), items, problems);
    return;
  }
  if (type === 'integer' && !/^-?\d+$/.test(raw)) problems.push(`${label} should be an integer, got ${JSON.stringify(raw)}`);
  if (type === 'number' && (raw.trim() === '' || Number.isNaN(Number(raw)))) problems.push(`${label} should be a number, got ${JSON.stringify(raw)}`);
  if (type === 'boolean' && raw !== 'true' && raw !== 'false') problems.push(`${label} should be true or false, got ${JSON.stringify(raw)}`);
  if ((type === 'integer' || type === 'number') && raw.trim() !== '' && !Number.isNaN(Number(raw))) {
    const n = Number(raw);
    if (schema.minimum !== undefined && n < Number(schema.minimum)) problems.push(`${label} is ${n}, below the minimum ${String(schema.minimum)}`);
    if (schema.maximum !== undefined && n > Number(schema.maximum)) problems.push(`${label} is ${n}, above the maximum ${String(schema.maximum)}`);
  }
  if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw)) {
    problems.push(`${label} should be an RFC 3339 date-time with a time zone offset, got ${JSON.stringify(raw)}`);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && !schema.enum.map(String).includes(raw)) {
    problems.push(`${label} is ${JSON.stringify(raw)}, not one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (typeof schema.pattern === 'string') {
    try {
      if (!new RegExp(schema.pattern).test(raw)) problems.push(`${label} ${JSON.stringify(raw)} does not match ${schema.pattern}`);
    } catch {
      // Some specs carry patterns in syntaxes JavaScript does not understand; skip them.
    }
  }
}
