import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, validate, validateExecutionArgs, type DocumentNode, type GraphQLSchema } from 'graphql';
import { toDescriptionPath, type ApiDescription } from './api-description.ts';
import { findSpecsDir } from './load-spec.ts';
import type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';

/**
 * GraphQL APIs (Linear, monday.com): one endpoint, and the request is a document plus variables.
 * The document is parsed and validated against the provider's published SDL with the reference
 * implementation (`graphql`): every field, argument, type, enum value and fragment must exist
 * there and be used as the schema allows. The variables are then coerced to the operation's
 * declared types, as the provider's server would, and variables the operation does not declare
 * are refused. String matching could not catch a misspelt nested field; this does.
 */

const schemas = new Map<string, GraphQLSchema>();

/** Builds the schema once per process (Linear's SDL is 1.2 MB). */
export function loadGraphqlSchema(file: string): GraphQLSchema {
  let schema = schemas.get(file);
  if (!schema) {
    // The published SDL is the provider's own output; its validity is theirs to keep.
    schema = buildSchema(readFileSync(join(findSpecsDir(), file), 'utf8'), { assumeValidSDL: true });
    schemas.set(file, schema);
  }
  return schema;
}

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
}

/** Checks one GraphQL request (`POST {query, variables?, operationName?}`) against the schema file of its binding. */
export function checkGraphqlRequest(description: ApiDescription, request: SpecCheckRequest, url: URL): SpecCheckResult {
  const mapped = toDescriptionPath(description, url);
  if ('problem' in mapped) return { ok: false, problems: [mapped.problem] };
  if (mapped.path !== '/') return { ok: false, problems: [`a GraphQL request goes to the endpoint itself, not ${url.pathname}`] };
  if (request.method.toUpperCase() !== 'POST') return { ok: false, problems: [`GraphQL documents are sent with POST, not ${request.method}`] };
  if (request.contentType !== undefined && !/^application\/json\b/i.test(request.contentType)) return { ok: false, problems: [`a GraphQL request body is JSON, not ${request.contentType}`] };
  const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: ['the body must be a JSON object with "query"'] };
  const problems: string[] = [];
  for (const key of Object.keys(body)) if (!['query', 'variables', 'operationName'].includes(key)) problems.push(`unknown body field "${key}"`);
  if (typeof body.query !== 'string') return { ok: false, problems: [...problems, '"query" must be a string'] };
  const variables = body.variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return { ok: false, problems: [...problems, '"variables" must be an object'] };
  if (body.operationName !== undefined && typeof body.operationName !== 'string') problems.push('"operationName" must be a string');

  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { ok: false, problems: [...problems, `the document does not parse: ${(error as Error).message}`] };
  }
  const files = [description.file].flat();
  const schema = loadGraphqlSchema(String(files[0]));
  const invalid = validate(schema, document);
  const names = operationNames(document);
  const operation = names.join(',');
  if (invalid.length > 0) return { ok: false, operation, problems: [...problems, ...invalid.map((e) => e.message)] };

  const args = validateExecutionArgs({
    schema,
    document,
    variableValues: variables as Record<string, unknown>,
    ...(typeof body.operationName === 'string' ? { operationName: body.operationName } : {}),
  });
  if (!('schema' in args)) problems.push(...args.map((e) => e.message));
  const chosen = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (body.operationName === undefined || d.name?.value === body.operationName));
  const declared = new Set(chosen?.kind === Kind.OPERATION_DEFINITION ? (chosen.variableDefinitions ?? []).map((v) => v.variable.name.value) : []);
  for (const name of Object.keys(variables)) if (!declared.has(name)) problems.push(`variable "$${name}" is not declared by the operation`);
  return { ok: problems.length === 0, operation, problems };
}
