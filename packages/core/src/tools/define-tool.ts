import { z } from 'zod';
import { OnBehalfError } from '../errors.ts';
import type { ToolDefinition } from './tool-types.ts';

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const schemas = new WeakMap<object, Record<string, unknown> & { type: 'object' }>();

/**
 * The JSON Schema a model sees for a tool's input. `io: 'input'` keeps fields with defaults
 * optional; `$schema` is dropped because several LLM APIs reject unknown top-level keywords.
 */
export function toolInputSchema(tool: Pick<ToolDefinition, 'name' | 'input'>): Record<string, unknown> & { type: 'object' } {
  const cached = schemas.get(tool.input);
  if (cached) return cached;
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch (error) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${tool.name}': its input schema cannot be turned into JSON Schema (${error instanceof Error ? error.message : String(error)}).`);
  }
  delete schema.$schema;
  if (schema.type !== 'object') throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${tool.name}': input must be a zod object schema (z.object({...})).`);
  const result = schema as Record<string, unknown> & { type: 'object' };
  schemas.set(tool.input, result);
  return result;
}

/**
 * Declares a tool. Checks what would otherwise fail late — the name models accept, an object input
 * schema that converts to JSON Schema — and freezes the definition.
 *
 * Model input that goes into a URL path goes through `toolKit.path`, which encodes each value as
 * one segment (a model's `../../admin` must not reach another endpoint):
 *
 * ```ts
 * const starRepo = defineTool({
 *   name: 'github_star_repo', provider: 'github', description: 'Star a repository.',
 *   input: z.object({ owner: toolKit.pathSegment('Owner'), repo: toolKit.pathSegment('Repository') }),
 *   async execute({ owner, repo }, ctx) {
 *     const res = await ctx.fetch(toolKit.path`/user/starred/${owner}/${repo}`, { method: 'PUT' });
 *     return { starred: res.ok };
 *   },
 * });
 * ```
 */
export function defineTool<S extends z.ZodType, O>(definition: ToolDefinition<S, O>): ToolDefinition<S, O> {
  if (typeof definition?.name !== 'string' || !NAME_PATTERN.test(definition.name)) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Tool name '${String(definition?.name)}' must start with a letter and have at most 64 letters, digits or '_'.`);
  }
  if (typeof definition.provider !== 'string' || definition.provider === '') throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}' needs a provider id.`);
  if (typeof definition.description !== 'string' || definition.description.trim() === '') {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}' needs a description (the model chooses tools by it).`);
  }
  if (typeof definition.execute !== 'function') throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}' needs an execute function.`);
  // Duck-typed rather than instanceof: the app may bundle its own copy of zod 4.
  const input = definition.input as unknown as { _zod?: unknown; safeParse?: unknown } | undefined;
  if (!input || typeof input !== 'object' || !('_zod' in input) || typeof input.safeParse !== 'function') {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}': input must be a zod 4 schema.`);
  }
  if (definition.writes !== undefined && typeof definition.writes !== 'boolean') throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}': writes must be true or false.`);
  const hooks = definition.hooks as Record<string, unknown> | undefined;
  if (hooks !== undefined && (typeof hooks !== 'object' || hooks === null || ['beforeExecute', 'afterExecute'].some((k) => hooks[k] !== undefined && typeof hooks[k] !== 'function'))) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${definition.name}': hooks takes beforeExecute and afterExecute functions.`);
  }
  toolInputSchema(definition);
  return Object.freeze({ ...definition, scopes: Object.freeze([...(definition.scopes ?? [])]) });
}
