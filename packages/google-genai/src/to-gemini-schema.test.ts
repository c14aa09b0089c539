import { Type, type FunctionDeclaration, type GenerateContentConfig, type Schema, type ToolListUnion } from '@google/genai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getTools, toGeminiSchema, type GenAITools } from './index.ts';

/** Every key anywhere in a value, to prove unsupported keywords are gone at every depth. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
}

const UNSUPPORTED = ['$schema', '$ref', '$defs', 'definitions', 'additionalProperties', 'exclusiveMinimum', 'exclusiveMaximum', 'const', 'oneOf', 'allOf', 'propertyNames', 'prefixItems'];

describe('toGeminiSchema', () => {
  it('turns a zod-style JSON Schema into the Schema Gemini and Vertex take', () => {
    const schema = toGeminiSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: {
        to: { type: 'array', items: { type: 'string', format: 'email', pattern: '^\\S+@\\S+$' }, minItems: 1, maxItems: 10 },
        subject: { type: 'string', maxLength: 200, description: 'Subject line' },
        priority: { type: 'string', enum: ['low', 'high'], default: 'low' },
        kind: { const: 'mail' },
        size: { type: 'integer', exclusiveMinimum: 0, maximum: 100 },
        ratio: { type: 'number', enum: [0.5, 1] },
        sendAt: { type: 'string', format: 'date-time' },
        threadId: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Reply in this thread' },
        labels: { type: ['array', 'null'], items: { type: 'string' } },
        headers: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } },
        target: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      },
      required: ['to', 'subject', 'missing'],
    });
    expect(schema).toEqual({
      type: Type.OBJECT,
      properties: {
        to: { type: Type.ARRAY, items: { type: Type.STRING, pattern: '^\\S+@\\S+$', description: 'format: email' }, minItems: '1', maxItems: '10' },
        subject: { type: Type.STRING, maxLength: '200', description: 'Subject line' },
        priority: { type: Type.STRING, enum: ['low', 'high'], default: 'low' },
        kind: { type: Type.STRING, enum: ['mail'] },
        size: { type: Type.INTEGER, minimum: 0, maximum: 100 },
        ratio: { type: Type.NUMBER, description: 'one of 0.5, 1' },
        sendAt: { type: Type.STRING, format: 'date-time' },
        threadId: { type: Type.STRING, nullable: true, description: 'Reply in this thread' },
        labels: { type: Type.ARRAY, nullable: true, items: { type: Type.STRING } },
        headers: { type: Type.OBJECT },
        target: { anyOf: [{ type: Type.STRING }, { type: Type.INTEGER }] },
      },
      required: ['to', 'subject'],
    });
    expect(allKeys(schema).filter((key) => UNSUPPORTED.includes(key))).toEqual([]);
  });

  it('inlines $ref and allOf, and cuts recursion', () => {
    const schema = toGeminiSchema({
      type: 'object',
      properties: {
        from: { $ref: '#/$defs/Address', description: 'Sender' },
        both: { allOf: [{ $ref: '#/$defs/Address' }, { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] }] },
        tree: { $ref: '#/$defs/Node' },
      },
      $defs: {
        Address: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'], additionalProperties: false },
        Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } },
      },
    });
    expect(schema.properties!.from).toEqual({ type: Type.OBJECT, properties: { email: { type: Type.STRING } }, required: ['email'], description: 'Sender' });
    expect(schema.properties!.both).toEqual({ type: Type.OBJECT, properties: { email: { type: Type.STRING }, note: { type: Type.STRING } }, required: ['email', 'note'] });
    expect(schema.properties!.tree).toEqual({
      type: Type.OBJECT,
      properties: { name: { type: Type.STRING }, children: { type: Type.ARRAY, items: { type: Type.OBJECT } } },
    });
    expect(allKeys(schema).filter((key) => UNSUPPORTED.includes(key))).toEqual([]);
    expect(() => toGeminiSchema({ type: 'object', properties: { x: { $ref: '#/$defs/Nope' } } })).toThrow(/does not resolve/);
  });
});

describe('the GenAI types', () => {
  it('accept what getTools returns where @google/genai expects it (checked by tsc)', () => {
    expectTypeOf(toGeminiSchema).returns.toEqualTypeOf<Schema>();
    expectTypeOf<GenAITools['functionDeclarations']>().toEqualTypeOf<FunctionDeclaration[]>();
    const use = async (ob: Parameters<typeof getTools>[0]) => {
      const { tools, functionDeclarations, callableTool } = await getTools(ob, { identifier: 'u' });
      const config: GenerateContentConfig = { tools };
      const automatic: ToolListUnion = [callableTool];
      const declared: FunctionDeclaration[] = functionDeclarations;
      return { config, automatic, declared };
    };
    expectTypeOf(use).returns.resolves.toHaveProperty('config');
    // A plain JSON Schema is not a Gemini Schema: lower-case types do not type-check.
    // @ts-expect-error Type '"object"' is not assignable to type 'Type'.
    const wrong: FunctionDeclaration = { name: 'x', parameters: { type: 'object' } };
    expect(wrong.name).toBe('x');
  });
});
