import { toStrictJsonSchema } from 'openai/lib/transform';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInTools } from '../../catalog/index.ts';
import { defineTool, toolInputSchema } from '../define-tool.ts';
import { dialectSchema } from './dialect-schema.ts';
import { fromDialectInput } from './from-dialect-input.ts';
import { geminiSchemaProblems } from '../../../test/support/agent-gemini-limits.ts';
import { sampleInput } from '../../../test/support/agent-sample-input.ts';
import { CLEAR } from './schema-node.ts';

// Every built-in tool, read from the catalog: a tool added tomorrow is checked without anyone
// remembering to list it.

describe.each(builtInTools.map((tool) => [tool.name, tool] as const))('%s', (_name, tool) => {
  const schema = toolInputSchema(tool);

  it('openai-strict: accepted unchanged by the openai package’s own strict normaliser', () => {
    const strict = dialectSchema(schema, 'openai-strict');
    // toStrictJsonSchema throws on what strict mode cannot take and fills in what it can; a
    // schema that is already strict comes back as it went in.
    expect(toStrictJsonSchema(structuredClone(strict) as never)).toEqual(strict);
  });

  it('gemini: within Gemini’s documented schema subset', () => {
    expect(geminiSchemaProblems(dialectSchema(schema, 'gemini'))).toEqual([]);
  });

  it.each(['json-schema', 'openai-strict', 'gemini'] as const)('%s: a full and a minimal input written in the dialect validate after mapping back', (dialect) => {
    const target = dialectSchema(schema, dialect) as Record<string, unknown>;
    for (const mode of ['full', 'minimal'] as const) {
      const written = sampleInput(target, mode);
      const restored = fromDialectInput(schema, dialect, written);
      const parsed = tool.input.safeParse(restored);
      // Cross-field rules ("a page or a database, not both") are zod refinements no schema
      // carries, so a sampler cannot know them; every other issue is a mapping fault.
      const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code !== 'custom');
      expect(issues, `${mode} input ${JSON.stringify(written)}`).toEqual([]);
    }
  });
});

describe('the dialects on the shapes the catalog uses', () => {
  const tool = defineTool({
    name: 'shapes',
    provider: 'test',
    description: 'Every shape the dialects rewrite.',
    input: z.object({
      title: z.string().min(1).max(50).describe('Title'),
      dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional().describe('Due date, or null to clear it'),
      limit: z.number().int().min(1).max(100).default(20),
      fields: z.record(z.string().regex(/^[a-z]+$/), z.union([z.string(), z.number(), z.null()])).optional(),
      filter: z.record(z.string(), z.unknown()).optional(),
      to: z.array(z.email()).max(5).optional(),
      kind: z.literal('mail').optional(),
      id: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]),
    }),
    execute: (input) => input,
  });
  const schema = toolInputSchema(tool);

  it('openai-strict: every property required, left-out ones nullable, maps as pairs, anything as JSON text', () => {
    const strict = dialectSchema(schema, 'openai-strict') as unknown as { properties: Record<string, Record<string, unknown>>; required: string[]; additionalProperties: boolean };
    expect(strict.required).toEqual(Object.keys(strict.properties));
    expect(strict.additionalProperties).toBe(false);
    expect(strict.properties.title).toEqual({ type: 'string', description: 'Title (at least 1 characters) (at most 50 characters)' });
    expect(strict.properties.limit).toMatchObject({ type: ['integer', 'null'], minimum: 1, maximum: 100 });
    expect(strict.properties.dueOn!.anyOf).toEqual([{ type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'string', enum: [CLEAR] }]);
    expect(strict.properties.fields).toMatchObject({ type: ['array', 'null'], items: { type: 'object', required: ['key', 'value'], additionalProperties: false } });
    // A value of any shape may be null itself, so it takes CLEAR too.
    expect(strict.properties.filter).toMatchObject({ anyOf: [{ type: ['string', 'null'] }, { type: 'string', enum: [CLEAR] }] });
    expect(strict.properties.kind).toMatchObject({ type: ['string', 'null'], enum: ['mail', null] });
  });

  it('maps a strict call back: null left out, CLEAR to null, pairs to a map, JSON text parsed', () => {
    const written = { title: 'T', dueOn: CLEAR, limit: null, fields: [{ key: 'a', value: 1 }, { key: 'b', value: null }], filter: '{"and":[{"x":1}]}', to: null, kind: null, id: '42' };
    const restored = fromDialectInput(schema, 'openai-strict', written);
    expect(restored).toEqual({ title: 'T', dueOn: null, fields: { a: 1, b: null }, filter: { and: [{ x: 1 }] }, id: '42' });
    expect(tool.input.parse(restored)).toEqual({ title: 'T', dueOn: null, limit: 20, fields: { a: 1, b: null }, filter: { and: [{ x: 1 }] }, id: '42' });
    expect(fromDialectInput(schema, 'openai-strict', { ...written, dueOn: null })).not.toHaveProperty('dueOn');
  });

  it('gemini: no const, no additionalProperties, nullable instead of a null branch, exclusive bounds made inclusive', () => {
    const gemini = dialectSchema(schema, 'gemini') as unknown as { type: string; properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(gemini.type).toBe('OBJECT');
    expect(gemini.required).toEqual(['title', 'id']);
    expect(gemini.properties.kind).toEqual({ type: 'STRING', enum: ['mail'] });
    expect(gemini.properties.dueOn).toMatchObject({ type: 'STRING', nullable: true });
    expect(gemini.properties.id).toEqual({ anyOf: [{ type: 'STRING', pattern: '^\\d+$' }, { type: 'INTEGER', minimum: 1, maximum: 9007199254740991 }] });
    expect(gemini.properties.fields).toMatchObject({ type: 'ARRAY', items: { type: 'OBJECT', required: ['key', 'value'] } });
    expect(gemini.properties.filter).toMatchObject({ type: 'STRING' });
    expect(fromDialectInput(schema, 'gemini', { title: 'T', id: 7, fields: [{ key: 'a', value: 'x' }] })).toEqual({ title: 'T', id: 7, fields: { a: 'x' } });
  });

  it('leaves input it cannot map for zod to refuse', () => {
    const restored = fromDialectInput(schema, 'openai-strict', { title: 'T', id: '1', fields: [{ nokey: 1 }], filter: 'not json' });
    expect(restored).toEqual({ title: 'T', id: '1', fields: [{ nokey: 1 }], filter: 'not json' });
    expect(tool.input.safeParse(restored).success).toBe(false);
  });

  it('refuses an unknown dialect', () => {
    expect(() => dialectSchema(schema, 'yaml' as never)).toThrow(/Unknown schema dialect 'yaml'/);
  });
});
