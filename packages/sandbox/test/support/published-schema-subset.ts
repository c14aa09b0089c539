import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from 'graphql';

/** `shared/specs` beside the repository (or ONBEHALF_SPECS_DIR), as the spec checker finds it. */
function specsDir(): string {
  if (process.env.ONBEHALF_SPECS_DIR) return process.env.ONBEHALF_SPECS_DIR;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', 'specs', 'README.md'))) return join(dir, 'shared', 'specs');
    if (dirname(dir) === dir) throw new Error('no shared/specs found; set ONBEHALF_SPECS_DIR');
  }
}

/**
 * What in a mock's SDL is not in the provider's published schema: every type must exist there
 * with the same kind, every field and argument with the same type (`[Issue!]!` is not `[Issue]`),
 * every enum value. A mock may serve fewer of them, never other ones.
 */
export function schemaSubsetProblems(sdl: string, publishedFile: string): string[] {
  const mine = buildSchema(sdl);
  const published = buildSchema(readFileSync(join(specsDir(), publishedFile), 'utf8'), { assumeValidSDL: true });
  const problems: string[] = [];
  const kind = (t: GraphQLNamedType) => (isObjectType(t) ? 'type' : isInterfaceType(t) ? 'interface' : isInputObjectType(t) ? 'input' : isEnumType(t) ? 'enum' : 'scalar');
  for (const type of Object.values(mine.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const theirs = published.getType(type.name);
    if (!theirs) {
      problems.push(`${type.name} is not in ${publishedFile}`);
      continue;
    }
    if (kind(type) !== kind(theirs)) problems.push(`${type.name} is a ${kind(theirs)} there, not a ${kind(type)}`);
    if (isEnumType(type) && isEnumType(theirs)) {
      for (const value of type.getValues()) if (!theirs.getValue(value.name)) problems.push(`${type.name}.${value.name} is not a value there`);
    }
    if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && (isObjectType(theirs) || isInterfaceType(theirs) || isInputObjectType(theirs))) {
      const theirFields = theirs.getFields() as Record<string, { type: unknown; args?: ReadonlyArray<{ name: string; type: unknown }> }>;
      for (const field of Object.values(type.getFields()) as Array<{ name: string; type: unknown; args?: ReadonlyArray<{ name: string; type: unknown }> }>) {
        const other = theirFields[field.name];
        if (!other) {
          problems.push(`${type.name}.${field.name} is not there`);
          continue;
        }
        if (String(field.type) !== String(other.type)) problems.push(`${type.name}.${field.name} is ${String(other.type)} there, not ${String(field.type)}`);
        for (const arg of field.args ?? []) {
          const theirArg = other.args?.find((a) => a.name === arg.name);
          if (!theirArg) problems.push(`${type.name}.${field.name}(${arg.name}) is not there`);
          else if (String(arg.type) !== String(theirArg.type)) problems.push(`${type.name}.${field.name}(${arg.name}) is ${String(theirArg.type)} there, not ${String(arg.type)}`);
        }
      }
    }
  }
  return problems;
}
