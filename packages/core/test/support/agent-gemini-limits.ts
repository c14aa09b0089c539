// What Gemini documents for `FunctionDeclaration.parameters` (the `Schema` object of the Gemini
// API: an OpenAPI 3.0 subset), as a checker: every problem it finds, by path. The API refuses the
// rest with 400 INVALID_ARGUMENT, so a tool schema that passes here is one Gemini accepts.
//
// Sources (Google's reference pages):
// - Gemini API `Schema`: https://ai.google.dev/api/caching#Schema — the fields below, `type` from
//   the `Type` enum, int64 counts (minItems…maxProperties) as strings, `enum` for STRING with the
//   `enum` format, `anyOf`, `propertyOrdering`;
// - function calling: https://ai.google.dev/gemini-api/docs/function-calling — `parameters` is an
//   OBJECT schema, "a select subset of the OpenAPI schema";
// - Vertex AI `Schema`: https://cloud.google.com/vertex-ai/docs/reference/rest/v1/Schema — the
//   same fields; its looser format list is not relied on, the Gemini API's answer
//   "only 'enum' and 'date-time' are supported for STRING type" is.
// What no page lists (`$schema`, `$ref`, `additionalProperties`, `const`, `oneOf`, `allOf`…) is refused.

const FIELDS = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
  'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering',
  'default', 'items', 'minimum', 'maximum',
]);
const TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);
// "only 'enum' and 'date-time' are supported for STRING type"
const FORMATS: Record<string, string[]> = { STRING: ['enum', 'date-time'], NUMBER: ['float', 'double'], INTEGER: ['int32', 'int64'] };
const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problems of a schema given as function parameters; empty when Gemini takes it. */
export function geminiSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(schema) || schema.type !== 'OBJECT') problems.push('<root>: parameters must be of type OBJECT');
  check(schema, '<root>', true, problems);
  return problems;
}

function check(node: unknown, path: string, root: boolean, problems: string[]): void {
  const problem = (text: string): void => {
    problems.push(`${path}: ${text}`);
  };
  if (!isObject(node)) return problem('not a schema object');
  for (const key of Object.keys(node)) if (!FIELDS.has(key)) problem(`unsupported field '${key}'`);
  const type = node.type;
  if (type === undefined) {
    if (!Array.isArray(node.anyOf)) problem('no type (only an anyOf may leave it out)');
  } else if (typeof type !== 'string' || !TYPES.has(type)) problem(`type ${JSON.stringify(type)} is not one of ${[...TYPES].join(', ')}`);
  if (node.nullable !== undefined && typeof node.nullable !== 'boolean') problem('nullable must be a boolean');
  if (node.enum !== undefined) {
    if (type !== 'STRING') problem('enum is for STRING only');
    if (!Array.isArray(node.enum) || node.enum.length === 0 || !node.enum.every((v) => typeof v === 'string')) problem('enum values must be strings');
  }
  if (node.format !== undefined && !(typeof type === 'string' && FORMATS[type]?.includes(node.format as string))) problem(`format '${String(node.format)}' is not supported for ${String(type)}`);
  for (const key of COUNTS) if (node[key] !== undefined && !(typeof node[key] === 'string' && /^\d+$/.test(node[key]))) problem(`${key} must be an int64 (a string of digits)`);
  for (const key of ['minimum', 'maximum']) if (node[key] !== undefined && typeof node[key] !== 'number') problem(`${key} must be a number`);
  if (node.pattern !== undefined) {
    try {
      new RegExp(node.pattern as string);
    } catch {
      problem('pattern is not a regular expression');
    }
  }
  if (type === 'ARRAY') {
    if (!isObject(node.items)) problem('an ARRAY needs items');
    else check(node.items, `${path}.items`, false, problems);
  } else if (node.items !== undefined) problem('items on a non-ARRAY');
  if (node.properties !== undefined || node.required !== undefined) {
    if (type !== 'OBJECT') problem('properties/required on a non-OBJECT');
  }
  if (type === 'OBJECT') {
    const properties = isObject(node.properties) ? node.properties : {};
    // "properties: should be non-empty for OBJECT type" (the top level may be empty: the
    // declaration then leaves parameters out).
    if (!root && Object.keys(properties).length === 0) problem('an OBJECT needs properties');
    for (const [name, property] of Object.entries(properties)) check(property, `${path}.${name}`, false, problems);
    if (node.required !== undefined) {
      if (!Array.isArray(node.required)) problem('required must be a list');
      else for (const name of node.required) if (typeof name !== 'string' || !(name in properties)) problem(`required '${String(name)}' is not a property`);
    }
  }
  if (node.anyOf !== undefined) {
    if (!Array.isArray(node.anyOf) || node.anyOf.length === 0) return problem('anyOf must be a non-empty list');
    node.anyOf.forEach((branch, index) => {
      if (isObject(branch) && (branch.type === 'NULL' || branch.type === 'null')) problem(`anyOf[${index}] is null: use nullable`);
      check(branch, `${path}.anyOf[${index}]`, false, problems);
    });
  }
}
