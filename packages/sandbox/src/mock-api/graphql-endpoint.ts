import { buildSchema, graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import type { MockRequest, MockResponse } from './router.ts';
import { isRecord } from './router.ts';

export interface GraphqlEndpointOptions {
  /**
   * The part of the provider's published schema the mock serves, in SDL, with the provider's own
   * type, field and argument names and types (a test keeps it a true subset of the published one).
   */
  sdl: string;
  /** The HTTP status of an answer whose document did not parse or validate (Linear: 400, monday.com: 200). */
  invalidDocumentStatus: number;
}

/**
 * A real GraphQL endpoint for a provider mock: documents are parsed, validated and executed by
 * graphql-js against the provider's schema (a subset of it), so any document a client may send to
 * those fields works, nested selections, fragments and variables included, and a wrong one fails
 * as it would at the provider. `root` holds the resolvers: values, or functions of the arguments.
 */
export function createGraphqlEndpoint(options: GraphqlEndpointOptions) {
  let schema: GraphQLSchema | undefined;
  return async (request: MockRequest, root: Record<string, unknown>): Promise<MockResponse> => {
    schema ??= buildSchema(options.sdl);
    const body = request.body;
    if (request.method !== 'POST' || !isRecord(body) || typeof body.query !== 'string') {
      return { status: 400, body: { errors: [{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }] } };
    }
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: root,
      ...(isRecord(body.variables) ? { variableValues: body.variables } : {}),
      ...(typeof body.operationName === 'string' ? { operationName: body.operationName } : {}),
    });
    const errors = result.errors?.map((error) => error.toJSON());
    // No `data` at all means the document itself was refused (syntax, validation, variables).
    const status = result.data === undefined && errors ? options.invalidDocumentStatus : 200;
    return { status, body: { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) } };
  };
}

/** An error a resolver throws to answer like the provider (`extensions.code` and whatever else it adds). */
export function graphqlFailure(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions });
}
