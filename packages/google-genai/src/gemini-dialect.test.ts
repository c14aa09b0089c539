import { GoogleGenAI, Type, type FunctionDeclaration, type GenerateContentConfig, type Schema, type ToolListUnion } from '@google/genai';
import { builtInTools, dialectSchema, type GeminiSchema, type GeminiType, type ToolsHost, type ToolSpec } from '@onbehalf/core';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { getTools, type GenAITools } from './index.ts';
import { startFakeGemini } from './test-gemini-server.ts';

// The parameters GenAI is handed are core's 'gemini' dialect; this checks it against
// @google/genai's own types and sends every built-in tool through the real client.

/** `Schema` with `Type`'s string values: what the enum is on the wire, and what core writes. */
type SchemaWithTypeNames = Omit<Schema, 'type' | 'items' | 'anyOf' | 'properties'> & {
  type?: `${Type}`;
  items?: SchemaWithTypeNames;
  anyOf?: SchemaWithTypeNames[];
  properties?: Record<string, SchemaWithTypeNames>;
};

/** Every built-in tool as `ob.tools.list` lists it, in the dialect asked for (one connection per provider). */
const catalog: ToolsHost = {
  tools: {
    list: async (options) => builtInTools.map((tool): ToolSpec => {
      const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as ToolSpec['inputSchema'] & { type: 'object' };
      const dialect = options?.dialect ?? 'json-schema';
      return { name: tool.name, description: tool.description, provider: tool.provider, connection: tool.provider, scopes: [...(tool.scopes ?? [])], inputSchema: dialectSchema(schema, dialect), dialect, input: tool.input };
    }),
    execute: async () => {
      throw new Error('not called here');
    },
  },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const typesIn = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value.flatMap(typesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'type' && typeof inner === 'string' ? [inner] : typesIn(inner)));
};

describe('the gemini dialect as @google/genai takes it', () => {
  it('type-checks as Schema: the same fields, Type’s values as names (checked by tsc)', () => {
    expectTypeOf<GeminiSchema>().toExtend<SchemaWithTypeNames>();
    expectTypeOf<GeminiType>().toEqualTypeOf<Exclude<`${Type}`, 'TYPE_UNSPECIFIED'>>();
    expectTypeOf<GenAITools['functionDeclarations']>().toEqualTypeOf<FunctionDeclaration[]>();
    const use = async (ob: ToolsHost) => {
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

  it('declares every built-in tool in it, and the real client sends the declarations unchanged', async () => {
    const { functionDeclarations, tools } = await getTools(catalog, { identifier: 'u' });
    expect(functionDeclarations.map((d) => d.name)).toEqual(builtInTools.map((t) => t.name));
    const types = new Set<unknown>(Object.values(Type));
    for (const declaration of functionDeclarations) {
      expect(declaration).not.toHaveProperty('parametersJsonSchema');
      for (const type of typesIn(declaration.parameters)) expect(types, `${declaration.name}: type ${String(type)}`).toContain(type);
    }
    const gemini = await startFakeGemini([[{ text: 'ok' }]]);
    closers.push(gemini.close);
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: gemini.url } });
    await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi.', config: { tools } });
    expect(gemini.requests[0]!.body.tools).toEqual(JSON.parse(JSON.stringify(tools)));
  });

  it('hands another dialect over as parametersJsonSchema', async () => {
    const { functionDeclarations } = await getTools(catalog, { identifier: 'u', dialect: 'json-schema', tools: ['gmail_send_email'] });
    const [gmail] = functionDeclarations.filter((d) => d.name === 'gmail_send_email');
    expect(gmail).not.toHaveProperty('parameters');
    expect(gmail!.parametersJsonSchema).toMatchObject({ type: 'object', properties: expect.objectContaining({ to: expect.anything() }) });
  });
});
