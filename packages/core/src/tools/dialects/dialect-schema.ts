import { OnBehalfError } from '../../errors.ts';
import { SCHEMA_DIALECTS, type JsonSchema, type SchemaDialect } from './schema-node.ts';
import { toGeminiSchema } from './to-gemini-schema.ts';
import { toOpenAIStrictSchema } from './to-openai-strict-schema.ts';

const cache: Record<Exclude<SchemaDialect, 'json-schema'>, WeakMap<object, Record<string, unknown> & { type: 'object' }>> = {
  'openai-strict': new WeakMap(),
  gemini: new WeakMap(),
};

/**
 * A tool's input schema in one dialect, computed once per schema (the listing asks for it on
 * every call). Gemini's form has Gemini's own upper-case type names, as its API and
 * `@google/genai` write them.
 */
export function dialectSchema(schema: Record<string, unknown> & { type: 'object' }, dialect: SchemaDialect = 'json-schema'): Record<string, unknown> & { type: 'object' } {
  if (!SCHEMA_DIALECTS.includes(dialect)) {
    throw new OnBehalfError('INVALID_INPUT', `Unknown schema dialect '${String(dialect)}'; use one of ${SCHEMA_DIALECTS.join(', ')}.`);
  }
  if (dialect === 'json-schema') return schema;
  const cached = cache[dialect].get(schema);
  if (cached) return cached;
  const converted = (dialect === 'gemini' ? toGeminiSchema(schema as JsonSchema) : toOpenAIStrictSchema(schema as JsonSchema)) as Record<string, unknown> & { type: 'object' };
  cache[dialect].set(schema, converted);
  return converted;
}
